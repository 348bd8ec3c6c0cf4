-- CreateTable
CREATE TABLE "account_change" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID NOT NULL,
    "change" TEXT NOT NULL,
    "reason" TEXT,
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "account_change_account_id_id_idx" ON "account_change"("account_id", "id");

