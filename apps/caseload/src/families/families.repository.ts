import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor, MemberInput } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { ledgerSince } from '../benefits/ledger.js';
import { assertCanManage } from './family.access.js';
import { Prisma } from '../generated/prisma/client.js';

/** Everything a profile shows, loaded in one round of queries (a function: the ledger window moves). */
export const profileInclude = () =>
  ({
    group: true,
    members: { orderBy: [{ birthDate: 'asc' }, { id: 'asc' }] },
    assignments: { orderBy: { fromAt: 'asc' } },
    stageChanges: { orderBy: { at: 'asc' } },
    followUps: { orderBy: { monthsAfter: 'asc' } },
    assessments: { orderBy: [{ assessedOn: 'desc' }, { recordedAt: 'desc' }] },
    signals: true,
    cases: { orderBy: { openedAt: 'desc' }, include: { notes: { orderBy: { at: 'asc' } } } },
    disbursements: { orderBy: [{ year: 'asc' }, { stage: 'asc' }] },
    complianceChecks: { orderBy: { period: 'desc' }, take: 12 },
    ledgerEntries: { where: { on: { gte: ledgerSince() } } },
  }) as const satisfies Prisma.KpmInclude;

export type FamilyProfile = Prisma.KpmGetPayload<{ include: ReturnType<typeof profileInclude> }>;
export type FamilyRow = Prisma.KpmGetPayload<object>;

export interface AuditEntry {
  action: string;
  reason: string;
  actor: Actor;
  correlationId: string;
}

export interface NewFamily {
  id: string;
  headName: string;
  nik: string;
  phone: string | null;
  villageCode: string;
  address: string;
  pkhEntryYear: number;
  assistantId: string;
  groupId: string | null;
  importId?: string;
}

export interface Person {
  name: string;
  nik: string | null;
  birthDate: string;
  sex: 'F' | 'M';
  relation: string;
  schoolStatus: string | null;
  pregnant: boolean;
  disability: boolean;
}

export const personFrom = (
  member: MemberInput & { pregnant?: boolean; disability?: boolean },
): Person => ({
  name: member.name,
  nik: member.nik ?? null,
  birthDate: member.birthDate,
  sex: member.sex,
  relation: member.relation,
  schoolStatus: member.schoolStatus ?? null,
  pregnant: member.pregnant ?? false,
  disability: member.disability ?? false,
});

const memberData = (kpmId: string, person: Person, id: string = randomUUID()) => ({
  id,
  kpmId,
  ...person,
  birthDate: new Date(`${person.birthDate}T00:00:00Z`),
});

/** The only code that writes the family tables. */
@Injectable()
export class FamiliesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Which of these NIKs already belong to someone, anywhere. */
  async takenNiks(tx: Tx, niks: string[], exceptKpmId?: string): Promise<Set<string>> {
    if (niks.length === 0) return new Set();
    const rows = await tx.kpmMember.findMany({
      where: { nik: { in: niks }, ...(exceptKpmId ? { kpmId: { not: exceptKpmId } } : {}) },
      select: { nik: true },
    });
    return new Set(rows.map((row) => row.nik as string));
  }

  scope(db: Tx | PrismaService, id: string) {
    return db.kpm.findUnique({
      where: { id },
      select: { id: true, assistantId: true, villageCode: true, stage: true },
    });
  }

  /** Locks the family row for the rest of the transaction, so concurrent changes queue up. */
  async lock(tx: Tx, id: string): Promise<FamilyRow | null> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM kpm WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.kpm.findUnique({ where: { id } });
  }

  /**
   * Locks a family that `actor` is about to change: 404 when there is no such family, 403 when
   * it is not theirs to change (`authorise` decides; by default its assistant or coordinator).
   */
  async lockForChange(
    tx: Tx,
    id: string,
    actor: Actor,
    authorise: (actor: Actor, family: FamilyRow) => void = assertCanManage,
  ): Promise<FamilyRow> {
    const family = await this.lock(tx, id);
    if (!family) throw new DomainError(404, 'not-found', 'No such family');
    authorise(actor, family);
    return family;
  }

  profile(db: Tx | PrismaService, id: string): Promise<FamilyProfile | null> {
    return db.kpm.findUnique({ where: { id }, include: profileInclude() });
  }

  /** The family, its head and members, its first assignment and audit entry. */
  async create(
    tx: Tx,
    family: NewFamily,
    head: Person,
    members: Person[],
    audit: AuditEntry,
  ): Promise<void> {
    await tx.kpm.create({ data: family });
    await tx.kpmMember.createMany({
      data: [head, ...members].map((person) => memberData(family.id, person)),
    });
    await tx.kpmAssignment.create({
      data: {
        kpmId: family.id,
        assistantId: family.assistantId,
        reason: audit.reason,
        assignedBy: audit.actor.userId,
      },
    });
    await this.audit(tx, family.id, audit);
  }

  async update(
    tx: Tx,
    id: string,
    data: Prisma.KpmUncheckedUpdateInput,
    audit: AuditEntry,
  ): Promise<void> {
    await tx.kpm.update({ where: { id }, data });
    await this.audit(tx, id, audit);
  }

  /** Replaces the household besides the head; a member keeps its id when its NIK or name matches. */
  async replaceMembers(tx: Tx, kpmId: string, members: Person[]): Promise<void> {
    const existing = await tx.kpmMember.findMany({ where: { kpmId, relation: { not: 'head' } } });
    const kept = new Set<string>();
    const rows = members.map((person) => {
      const match = existing.find(
        (old) =>
          !kept.has(old.id) && ((person.nik && old.nik === person.nik) || old.name === person.name),
      );
      if (match) kept.add(match.id);
      return memberData(kpmId, person, match?.id);
    });
    await tx.kpmMember.deleteMany({ where: { kpmId, relation: { not: 'head' } } });
    await tx.kpmMember.createMany({ data: rows });
  }

  async reassign(tx: Tx, kpmId: string, toAssistantId: string, audit: AuditEntry): Promise<void> {
    const now = new Date();
    await tx.kpmAssignment.updateMany({ where: { kpmId, toAt: null }, data: { toAt: now } });
    await tx.kpmAssignment.create({
      data: {
        kpmId,
        assistantId: toAssistantId,
        fromAt: now,
        reason: audit.reason,
        assignedBy: audit.actor.userId,
      },
    });
    await tx.kpm.update({ where: { id: kpmId }, data: { assistantId: toAssistantId } });
    await this.audit(tx, kpmId, audit);
  }

  audit(tx: Tx, kpmId: string, entry: AuditEntry) {
    return tx.kpmAudit.create({
      data: {
        kpmId,
        action: entry.action,
        reason: entry.reason,
        actorId: entry.actor.userId,
        actorRole: entry.actor.role,
        correlationId: entry.correlationId,
      },
    });
  }

  /** Families per assistant within an optional region prefix. */
  caseloads(regionPrefix: string | undefined, longStayBefore: number) {
    return this.prisma.$queryRaw<
      { assistant_id: string; families: bigint; open: bigint; long_stay: bigint; ready: bigint }[]
    >`
      SELECT assistant_id,
             count(*) AS families,
             count(*) FILTER (WHERE stage IN ('active', 'potential', 'candidate')) AS open,
             count(*) FILTER (WHERE stage IN ('active', 'potential', 'candidate') AND pkh_entry_year < ${longStayBefore}) AS long_stay,
             count(*) FILTER (WHERE stage IN ('active', 'potential', 'candidate') AND ready) AS ready
      FROM kpm
      WHERE ${regionPrefix ? Prisma.sql`(village_code = ${regionPrefix} OR village_code LIKE ${`${regionPrefix}.%`})` : Prisma.sql`TRUE`}
      GROUP BY assistant_id
      ORDER BY assistant_id`;
  }
}
