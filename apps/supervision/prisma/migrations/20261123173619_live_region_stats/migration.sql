-- CreateTable
CREATE TABLE "family_state" (
    "kpm_id" UUID NOT NULL,
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "family_state_pkey" PRIMARY KEY ("kpm_id")
);

-- CreateTable
CREATE TABLE "region_stage_count" (
    "region_code" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "families" INTEGER NOT NULL,

    CONSTRAINT "region_stage_count_pkey" PRIMARY KEY ("region_code","stage","shard")
);

-- CreateTable
CREATE TABLE "assistant_load" (
    "assistant_id" TEXT NOT NULL,
    "village_code" TEXT NOT NULL,
    "families" INTEGER NOT NULL,

    CONSTRAINT "assistant_load_pkey" PRIMARY KEY ("assistant_id","village_code")
);

-- CreateTable
CREATE TABLE "region_graduation" (
    "region_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "families" INTEGER NOT NULL,

    CONSTRAINT "region_graduation_pkey" PRIMARY KEY ("region_code","year","kind","shard")
);

-- CreateTable
CREATE TABLE "region_p2k2" (
    "region_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "module" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "sessions" INTEGER NOT NULL,
    "invited" INTEGER NOT NULL,
    "attended" INTEGER NOT NULL,

    CONSTRAINT "region_p2k2_pkey" PRIMARY KEY ("region_code","year","module","shard")
);

-- CreateTable
CREATE TABLE "graduation_target" (
    "region_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "self_reliant" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "graduation_target_pkey" PRIMARY KEY ("region_code","year")
);

-- CreateIndex
CREATE INDEX "assistant_load_village_code_idx" ON "assistant_load"("village_code");


-- Region prefixes (village_code LIKE '31.75.%') need text_pattern_ops under the C.UTF-8 collation.
CREATE INDEX "assistant_load_village_prefix_idx" ON "assistant_load" ("village_code" text_pattern_ops);
