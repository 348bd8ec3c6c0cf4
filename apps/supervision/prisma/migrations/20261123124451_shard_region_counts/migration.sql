-- AlterTable
ALTER TABLE "region_kpm_count" DROP CONSTRAINT "region_kpm_count_pkey",
ADD COLUMN     "shard" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "region_kpm_count_pkey" PRIMARY KEY ("region_code", "shard");

