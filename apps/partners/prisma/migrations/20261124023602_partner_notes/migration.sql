-- CreateTable
CREATE TABLE "partner_note" (
    "id" UUID NOT NULL,
    "partner_id" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "partner_note_partner_id_region_code_idx" ON "partner_note"("partner_id", "region_code");

