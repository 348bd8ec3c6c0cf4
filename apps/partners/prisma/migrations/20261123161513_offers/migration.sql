-- CreateTable
CREATE TABLE "offer" (
    "id" UUID NOT NULL,
    "partner_id" TEXT NOT NULL,
    "partner_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "offer_partner_id_idx" ON "offer"("partner_id");

-- CreateIndex
CREATE INDEX "offer_kind_region_code_idx" ON "offer"("kind", "region_code");

