import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  Actor,
  FieldError,
  HsdsDirectory,
  HsdsImportIssue,
  HsdsImportReport,
} from '@jembatan/contracts';
import { DomainError, OutboxWriter, inTransactionWithEvents } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS, createHsdsValidator } from '@jembatan/service-kit';
import { PrismaService } from '../database/prisma.service.js';
import type { Partner } from '../generated/prisma/client.js';
import { OfferPublisher } from '../offers/offer-publisher.js';
import { dateOf, offerColumns, todayIso } from '../offers/offer.rows.js';
import { servesActorsRegion } from '../registry/partner.access.js';
import { profileColumns } from '../registry/partner.views.js';
import { organizationOf, serviceOf } from './hsds.export.js';
import { offerOfService, profileOfOrganization } from './hsds.import.js';

/** Bounds of one import file: a province's directory fits many times over. */
export const MAX_IMPORTED_ORGANIZATIONS = 5_000;
export const MAX_IMPORTED_SERVICES = 20_000;

const seesWholeDirectory = (actor: Actor) =>
  actor.role === 'dinas' || actor.role === 'admin' || actor.role === 'coordinator';

/** Ids given twice in the file: HSDS ids are unique within a dataset. */
function duplicateIds(document: HsdsDirectory): FieldError[] {
  const problems: FieldError[] = [];
  for (const list of ['organizations', 'services'] as const) {
    const seen = new Set<string>();
    document[list].forEach((item, index) => {
      if (seen.has(item.id))
        problems.push({ path: `${list}.${index}.id`, message: 'appears twice in the file' });
      seen.add(item.id);
    });
  }
  return problems;
}

/**
 * The resource directory in Open Referral HSDS 3.0: verified partners (organisations) and
 * their open offers (services) out, for other directories; organisations and services in,
 * as partners awaiting the Dinas' verification with their offers.
 */
@Injectable()
export class DirectoryService {
  private readonly logger = new Logger(DirectoryService.name);
  private readonly hsds = createHsdsValidator();

  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: OutboxWriter,
    private readonly publisher: OfferPublisher,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  async exportFor(actor: Actor): Promise<HsdsDirectory> {
    if (!seesWholeDirectory(actor))
      throw new DomainError(
        403,
        'forbidden',
        'The directory export is for the Dinas and coordinators',
      );
    const partners = (
      await this.prisma.partner.findMany({
        where: { status: 'verified' },
        orderBy: { name: 'asc' },
      })
    ).filter((partner) => servesActorsRegion(actor, partner));
    const byId = new Map(partners.map((partner) => [partner.id, partner]));
    const today = todayIso();
    const offers = await this.prisma.offer.findMany({
      where: {
        partnerId: { in: [...byId.keys()] },
        status: 'open',
        validUntil: { gte: dateOf(today) },
      },
      orderBy: [{ partnerName: 'asc' }, { postedAt: 'asc' }],
    });
    const region = actor.regionCode ? this.regions.get(actor.regionCode)?.name : undefined;
    const document: HsdsDirectory = {
      hsds_version: '3.0',
      publisher: `Jembatan${region ? ` (${region})` : ''}`,
      generated_at: new Date().toISOString(),
      organizations: partners.map((partner) => organizationOf(partner, this.regions)),
      services: offers.map((offer) =>
        serviceOf(offer, byId.get(offer.partnerId)!, this.regions, today),
      ),
    };
    // What leaves must be valid HSDS: a mapping bug fails here, not in someone else's import.
    const problems = this.hsds.directory(document);
    if (problems.length > 0) {
      this.logger.error(`HSDS export does not validate: ${JSON.stringify(problems.slice(0, 5))}`);
      throw new Error('the HSDS export does not validate');
    }
    return document;
  }

  async importFor(
    origin: { actor: Actor; correlationId: string },
    document: unknown,
  ): Promise<HsdsImportReport> {
    const { actor } = origin;
    if (actor.role !== 'dinas' && actor.role !== 'admin')
      throw new DomainError(403, 'forbidden', 'Only the Dinas Sosial imports into the directory');
    const problems = this.hsds.directory(document);
    if (problems.length > 0)
      throw DomainError.invalid(problems, 'The file is not a valid HSDS 3.0 directory');
    const directory = document as HsdsDirectory;
    if (directory.organizations.length > MAX_IMPORTED_ORGANIZATIONS)
      throw DomainError.invalid([
        { path: 'organizations', message: `at most ${MAX_IMPORTED_ORGANIZATIONS} per file` },
      ]);
    if (directory.services.length > MAX_IMPORTED_SERVICES)
      throw DomainError.invalid([
        { path: 'services', message: `at most ${MAX_IMPORTED_SERVICES} per file` },
      ]);
    const duplicates = duplicateIds(directory);
    if (duplicates.length > 0) throw DomainError.invalid(duplicates);

    // One transaction: the file's partners, offers, decision log and events, or none of them.
    return inTransactionWithEvents(
      this.prisma,
      this.outbox,
      origin,
      async (context) => {
        const { tx } = context;
        const report: HsdsImportReport = {
          organizations: { created: 0, skipped: [], rejected: [] },
          services: { created: 0, skipped: [], rejected: [] },
        };
        const known = new Set(
          (
            await tx.partner.findMany({
              where: { id: { in: directory.organizations.map((o) => o.id) } },
              select: { id: true },
            })
          ).map((partner) => partner.id),
        );
        const created = new Map<string, Partner>();
        const source = directory.publisher ? ` published by ${directory.publisher}` : '';
        for (const [index, organization] of directory.organizations.entries()) {
          const issue = (reason: string, fields?: FieldError[]): HsdsImportIssue => ({
            path: `organizations.${index}`,
            id: organization.id,
            name: organization.name,
            reason,
            ...(fields ? { fields } : {}),
          });
          if (known.has(organization.id)) {
            report.organizations.skipped.push(issue('already in the directory'));
            continue;
          }
          const result = profileOfOrganization(organization, this.regions);
          if (!('profile' in result)) {
            report.organizations.rejected.push(issue(result.reason, result.fields));
            continue;
          }
          const columns = profileColumns(result.profile);
          if (!servesActorsRegion(actor, columns)) {
            report.organizations.rejected.push(issue('neither located in nor serving your region'));
            continue;
          }
          const partner = await tx.partner.create({
            data: {
              id: organization.id,
              ...columns,
              status: 'pending',
              registeredAt: new Date(),
            },
          });
          await tx.partnerDecisionLog.create({
            data: {
              partnerId: partner.id,
              decision: 'import',
              fromStatus: 'none',
              toStatus: 'pending',
              reason: `imported from an HSDS 3.0 directory${source}`,
              actorId: actor.userId,
              actorRole: actor.role,
            },
          });
          created.set(partner.id, partner);
          report.organizations.created += 1;
        }

        const knownOffers = new Set(
          (
            await tx.offer.findMany({
              where: { id: { in: directory.services.map((s) => s.id) } },
              select: { id: true },
            })
          ).map((offer) => offer.id),
        );
        for (const [index, service] of directory.services.entries()) {
          const issue = (reason: string, fields?: FieldError[]): HsdsImportIssue => ({
            path: `services.${index}`,
            id: service.id,
            name: service.name,
            reason,
            ...(fields ? { fields } : {}),
          });
          const partner = service.organization_id
            ? created.get(service.organization_id)
            : undefined;
          if (knownOffers.has(service.id)) {
            report.services.skipped.push(issue('already in the directory'));
            continue;
          }
          if (!partner) {
            report.services.skipped.push(issue('its organization was not imported from this file'));
            continue;
          }
          const result = offerOfService(service, partner, this.regions);
          if (!('offer' in result)) {
            report.services.rejected.push(issue(result.reason, result.fields));
            continue;
          }
          const offer = await tx.offer.create({
            data: { id: service.id, partnerId: partner.id, ...offerColumns(result.offer, partner) },
          });
          await this.publisher.publish(context, offer, partner);
          report.services.created += 1;
        }
        return report;
      },
      { timeout: 120_000 },
    );
  }
}
