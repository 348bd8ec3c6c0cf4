import { Inject, Injectable } from '@nestjs/common';
import {
  NEED_OF_OFFER,
  NEEDS,
  OPEN_STAGES,
  isWithinRegion,
  regionAncestry,
  regionsOverlap,
  type CommandPayload,
  type CommandResponse,
  type Need,
  type OfferKind,
  type PartnerKind,
  type ResourceMapRow,
} from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { PrismaService } from '../database/prisma.service.js';
import { todayIso } from '../offers/offer.rows.js';

const noNeeds = (): Record<Need, number> => ({ capital: 0, training: 0, market: 0, tutor: 0 });

/**
 * The resource map: for each kecamatan of a city (or kelurahan of a kecamatan), the verified
 * partners and live offers that reach it and the families assessed as needing capital,
 * training, a market or a tutor there; a need with families and no offer is a gap.
 */
@Injectable()
export class ResourceMapHandlers {
  constructor(@Inject(REGIONS) private readonly regions: RegionDirectory) {}

  @HandleCommand('partners.resource-map.get')
  async get(
    input: CommandPayload<'partners.resource-map.get'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'partners.resource-map.get'>> {
    if (actor.role === 'partner')
      throw new DomainError(403, 'forbidden', 'The resource map is for assistants and the Dinas');
    const code = input.regionCode ?? actor.regionCode;
    if (code && actor.regionCode && !isWithinRegion(code, actor.regionCode))
      throw new DomainError(403, 'forbidden', 'That region is outside yours');
    if (code && !this.regions.has(code))
      throw DomainError.invalid([
        { path: 'regionCode', message: 'is not a region in idn-area-data' },
      ]);
    const children = this.regions.children(code ?? null);
    // A village has no children: show the village itself.
    const rows = (children.length > 0 ? children : [this.regions.get(code!)!]).map((r) => r.code);
    const childLength = rows[0]?.length ?? 2;

    const today = todayIso();
    const reachingParent = code ? regionAncestry(code) : [];
    // Partners and live offers whose regions touch the parent region (above it or inside it).
    const touches = (column: string) =>
      code
        ? `EXISTS (SELECT 1 FROM unnest(${column}) r WHERE r = ANY($1::text[]) OR r LIKE $2)`
        : 'true';
    const partners = await tx.$queryRawUnsafe<
      {
        id: string;
        name: string;
        kind: string;
        serviceArea: string[];
        villageCode: string;
        lat: number | null;
        lng: number | null;
      }[]
    >(
      `SELECT id, name, kind, service_area AS "serviceArea", village_code AS "villageCode", lat, lng
       FROM partner WHERE status = 'verified' AND ${touches('service_area')}`,
      ...(code ? [reachingParent, `${code}.%`] : []),
    );
    const offers = await tx.$queryRawUnsafe<{ kind: OfferKind; regions: string[] }[]>(
      `SELECT o.kind, o.regions FROM offer o JOIN partner p ON p.id = o.partner_id AND p.status = 'verified'
       WHERE o.status = 'open' AND o.valid_from <= $${code ? 3 : 1}::date AND o.valid_until >= $${code ? 3 : 1}::date
         AND ${touches('o.regions')}`,
      ...(code ? [reachingParent, `${code}.%`, today] : [today]),
    );
    const demand = await tx.$queryRawUnsafe<
      { region: string; capital: number; training: number; market: number; tutor: number }[]
    >(
      `SELECT left(village_code, $1) AS region,
              count(*) FILTER (WHERE need_capital)::int AS capital,
              count(*) FILTER (WHERE need_training)::int AS training,
              count(*) FILTER (WHERE need_market)::int AS market,
              count(*) FILTER (WHERE need_tutor)::int AS tutor
       FROM family_profile
       WHERE stage = ANY($2::text[]) AND ($3::text IS NULL OR village_code LIKE $3::text || '.%')
       GROUP BY 1`,
      childLength,
      OPEN_STAGES,
      code ?? null,
    );
    const demandOf = new Map(demand.map((d) => [d.region, d]));

    const result: ResourceMapRow[] = rows.map((child) => {
      const reaches = (codes: string[]) => codes.some((c) => regionsOverlap(c, child));
      const offerCounts = noNeeds();
      for (const offer of offers)
        if (reaches(offer.regions)) offerCounts[NEED_OF_OFFER[offer.kind]] += 1;
      const wanted = demandOf.get(child);
      const demandCounts = wanted
        ? {
            capital: wanted.capital,
            training: wanted.training,
            market: wanted.market,
            tutor: wanted.tutor,
          }
        : noNeeds();
      return {
        regionCode: child,
        name: this.regions.get(child)?.name ?? child,
        partners: partners.filter((p) => reaches(p.serviceArea)).length,
        offers: offerCounts,
        demand: demandCounts,
        gaps: NEEDS.filter((need) => demandCounts[need] > 0 && offerCounts[need] === 0),
      };
    });
    return {
      region: {
        code: code ?? null,
        name: code ? (this.regions.get(code)?.name ?? code) : 'Indonesia',
      },
      rows: result,
      locations: partners
        .filter((p) => p.lat !== null && p.lng !== null)
        .map((p) => ({
          partnerId: p.id,
          name: p.name,
          kind: p.kind as PartnerKind,
          lat: p.lat!,
          lng: p.lng!,
          villageCode: p.villageCode,
        })),
    };
  }
}
