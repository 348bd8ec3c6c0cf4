-- A product's photo, for bazaar organisers and buyers to see what a family sells. The bytes
-- live apart from the catalogue so listing products never reads them.
ALTER TABLE "product" ADD COLUMN "photo_type" TEXT;

CREATE TABLE "product_photo" (
    "product_id" UUID NOT NULL,
    "bytes" BYTEA NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_photo_pkey" PRIMARY KEY ("product_id")
);
