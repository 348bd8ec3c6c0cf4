-- AlterTable
ALTER TABLE "referral" ADD COLUMN     "product_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "product" (
    "id" UUID NOT NULL,
    "kpm_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "price" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "labels" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_sale" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "sold_on" DATE NOT NULL,
    "quantity" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "reported_by" TEXT NOT NULL,
    "reported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_sale_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "product_kpm_id_idx" ON "product"("kpm_id");

-- CreateIndex
CREATE INDEX "referral_sale_referral_id_idx" ON "referral_sale"("referral_id");

