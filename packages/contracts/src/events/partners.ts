import { z } from 'zod';
import { TrainingOfferInput } from '../training/offers.js';

/** Partners service: a training provider posted a training offer; training delivers it. */
export const TrainingOfferPostedV1 = TrainingOfferInput.safeExtend({
  offerId: z.uuid(),
  partnerId: z.string().min(1),
  partnerName: z.string().min(1).max(200),
  postedAt: z.iso.datetime({ offset: true }),
});
export type TrainingOfferPostedV1 = z.infer<typeof TrainingOfferPostedV1>;
