-- Whether the partners service still refers families to the training: false while its partner
-- is suspended or the partner closed the offer.
ALTER TABLE "training_offer" ADD COLUMN "accepts_nominations" BOOLEAN NOT NULL DEFAULT true;
