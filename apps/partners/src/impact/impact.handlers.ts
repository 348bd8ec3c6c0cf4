import { Injectable } from '@nestjs/common';
import type {
  Actor,
  CommandPayload,
  CommandResponse,
  PartnerImpact,
  PartnerKind,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { toCsv } from '@jembatan/service-kit';
import type { PrismaService } from '../database/prisma.service.js';
import { canSeePartner } from '../registry/partner.access.js';

/** Capital outcomes that mean the money reached the family. */
const FUNDED = ['disbursed', 'repaying', 'repaid', 'in-arrears', 'defaulted'];

/**
 * What a funder's, lender's or provider's offers did: the families they reached and what
 * happened next (accepted, completed, trained, funded, repaid, graduated self-reliant), for
 * the partner itself and for the Dinas; downloadable as CSV.
 */
@Injectable()
export class ImpactHandlers {
  private async impact(
    db: PrismaService,
    actor: Actor,
    partnerId: string | undefined,
  ): Promise<PartnerImpact> {
    const id = partnerId ?? (actor.role === 'partner' ? actor.userId : undefined);
    if (!id) throw DomainError.invalid([{ path: 'partnerId', message: 'is required' }]);
    if (actor.role === 'partner' && id !== actor.userId)
      throw new DomainError(403, 'forbidden', "Another partner's impact");
    if (actor.role === 'assistant')
      throw new DomainError(403, 'forbidden', 'Impact reports are for partners and the Dinas');
    const partner = await db.partner.findUnique({ where: { id } });
    if (!partner || !canSeePartner(actor, partner))
      throw new DomainError(404, 'not-found', 'No such partner');

    const offers = await db.$queryRawUnsafe<PartnerImpact['offers']>(
      `SELECT o.id AS "offerId", o.title, o.kind,
              count(r.id)::int AS referrals,
              (count(r.id) FILTER (WHERE r.status IN ('accepted', 'completed')))::int AS accepted,
              (count(r.id) FILTER (WHERE r.status = 'declined'))::int AS declined,
              (count(r.id) FILTER (WHERE r.status = 'completed'))::int AS completed
       FROM offer o LEFT JOIN referral r ON r.offer_id = o.id
       WHERE o.partner_id = $1 GROUP BY o.id ORDER BY o.posted_at DESC`,
      id,
    );
    // Withdrawn referrals stay counted above but their families are not listed.
    const families = await db.$queryRawUnsafe<PartnerImpact['families']>(
      `SELECT r.kpm_id AS "kpmId", COALESCE(f.head_name, '') AS "headName", r.village_code AS "villageCode",
              o.title AS "offerTitle", r.status, r.outcome,
              COALESCE(f.trainings_completed, 0)::int AS "trainingsCompleted", COALESCE(f.stage, 'active') AS stage
       FROM referral r JOIN offer o ON o.id = r.offer_id LEFT JOIN family_profile f ON f.kpm_id = r.kpm_id
       WHERE r.partner_id = $1 AND r.status <> 'withdrawn'
       ORDER BY r.created_at DESC LIMIT 5000`,
      id,
    );
    const [salesRow] = await db.$queryRawUnsafe<{ sales: number }[]>(
      `SELECT COALESCE(sum(s.amount), 0)::bigint::float8 AS sales
       FROM referral_sale s JOIN referral r ON r.id = s.referral_id WHERE r.partner_id = $1`,
      id,
    );
    const distinct = (rows: typeof families) => new Set(rows.map((row) => row.kpmId)).size;
    return {
      partner: { id: partner.id, name: partner.name, kind: partner.kind as PartnerKind },
      totals: {
        offers: offers.length,
        referrals: offers.reduce((sum, o) => sum + o.referrals, 0),
        familiesReached: distinct(families),
        accepted: offers.reduce((sum, o) => sum + o.accepted, 0),
        completed: offers.reduce((sum, o) => sum + o.completed, 0),
        trained: distinct(families.filter((f) => f.trainingsCompleted > 0)),
        funded: distinct(families.filter((f) => f.outcome !== null && FUNDED.includes(f.outcome))),
        repaid: distinct(families.filter((f) => f.outcome === 'repaid')),
        graduatedSelfReliant: distinct(
          families.filter((f) => f.stage === 'graduated-self-reliant'),
        ),
        sales: Math.round(salesRow?.sales ?? 0),
      },
      offers,
      families,
    };
  }

  @HandleCommand('partners.impact.get')
  get(
    input: CommandPayload<'partners.impact.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.impact.get'>> {
    return this.impact(tx, actor, input.partnerId);
  }

  @HandleCommand('partners.impact.export')
  async export(
    input: CommandPayload<'partners.impact.export'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.impact.export'>> {
    const impact = await this.impact(tx, actor, input.partnerId);
    const csv = toCsv(
      [
        'kepala keluarga',
        'kelurahan',
        'penawaran',
        'status rujukan',
        'hasil modal',
        'pelatihan selesai',
        'tahap PKH',
      ],
      impact.families.map((f) => [
        f.headName,
        f.villageCode,
        f.offerTitle,
        f.status,
        f.outcome,
        f.trainingsCompleted,
        f.stage,
      ]),
    );
    const day = new Date().toISOString().slice(0, 10);
    return {
      fileName: `dampak-${impact.partner.name}-${day}.csv`,
      contentType: 'text/csv; charset=utf-8',
      base64: Buffer.from(csv, 'utf8').toString('base64'),
    };
  }
}
