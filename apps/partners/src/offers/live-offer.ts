import { regionsOverlap, type Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import { todayIso, toOfferView } from './offer.rows.js';

/**
 * An offer families can be referred to now, with its partner: 404 when there is none (in the
 * reader's region, when one is given), 409 when it is closed, out of date or its partner is
 * not verified. `lock` holds the offer's row for the caller's transaction (places are counted).
 */
export async function requireLiveOffer(
  db: PrismaService | Tx,
  offerId: string,
  { lock = false, regionOf }: { lock?: boolean; regionOf?: Actor } = {},
) {
  if (lock)
    await db.$executeRawUnsafe(`SELECT 1 FROM offer WHERE id = $1::uuid FOR UPDATE`, offerId);
  const offer = await db.offer.findUnique({ where: { id: offerId } });
  const partner = offer && (await db.partner.findUnique({ where: { id: offer.partnerId } }));
  const region = regionOf?.regionCode ?? null;
  if (!offer || !partner || (region && !offer.regions.some((code) => regionsOverlap(code, region))))
    throw new DomainError(404, 'not-found', 'No such offer in your region');
  const today = todayIso();
  if (!toOfferView(offer, partner, today).live)
    throw new DomainError(
      409,
      'offer-not-live',
      'The offer is closed, out of date or its partner is not verified',
    );
  return { offer, partner, today };
}
