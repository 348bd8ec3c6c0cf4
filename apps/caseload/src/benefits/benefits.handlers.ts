import { Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { Tx } from '../database/prisma.service.js';
import { FamiliesRepository } from '../families/families.repository.js';
import { flagsOf, toComplianceView, toDisbursementView } from '../families/family.views.js';
import { benefitFlags } from './benefit-flags.js';
import { ledgerSince, summariseLedger } from './ledger.js';

/** Benefit monitoring (disbursement stages, the KKS card) and monthly compliance checks. */
@Injectable()
export class BenefitsHandlers {
  constructor(private readonly families: FamiliesRepository) {}

  private async family(tx: Tx, kpmId: string, actor: CommandContext['actor']) {
    return this.families.lockForChange(tx, kpmId, actor);
  }

  @HandleCommand('caseload.benefit.record')
  async recordDisbursement(
    input: CommandPayload<'caseload.benefit.record'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.benefit.record'>> {
    const { actor, tx } = context;
    const family = await this.family(tx, input.kpmId, actor);
    const { kpmId, ...record } = input;
    const data = {
      ...record,
      disbursedOn: new Date(`${record.disbursedOn}T00:00:00Z`),
      recordedBy: actor.userId,
    };
    await tx.disbursement.upsert({
      where: { kpmId_year_stage: { kpmId, year: record.year, stage: record.stage } },
      create: { kpmId, ...data },
      update: data,
    });
    await context.emit({
      type: 'benefit.monitored',
      version: 1,
      aggregateId: kpmId,
      payload: {
        kpmId,
        assistantId: family.assistantId,
        villageCode: family.villageCode,
        year: record.year,
        stage: record.stage,
        amount: record.amount,
        disbursedOn: record.disbursedOn,
        zeroBalance: record.amount === 0,
        recordedAt: new Date().toISOString(),
      },
    });
    const disbursements = await tx.disbursement.findMany({
      where: { kpmId },
      orderBy: [{ year: 'asc' }, { stage: 'asc' }],
    });
    const flags = benefitFlags(disbursements);
    const updated = await tx.kpm.update({
      where: { id: kpmId },
      data: {
        zeroBalance: flags.zeroBalance,
        cardMisheld: flags.cardMisheld,
        missedStage: flags.missedStage,
      },
      include: { group: true },
    });
    if (flags.zeroBalance !== family.zeroBalance || flags.cardMisheld !== family.cardMisheld) {
      await this.families.audit(tx, kpmId, {
        action: 'benefit-flags',
        reason: `stage ${record.year}-${record.stage}: ${flags.zeroBalance ? 'saldo nol' : 'credited'}, card held by ${record.cardHolder}`,
        actor,
        correlationId: context.correlationId,
      });
    }
    return { flags: flagsOf(updated), disbursements: disbursements.map(toDisbursementView) };
  }

  @HandleCommand('caseload.compliance.record')
  async recordCompliance(
    input: CommandPayload<'caseload.compliance.record'>,
    context: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.compliance.record'>> {
    const { actor, tx } = context;
    const family = await this.family(tx, input.kpmId, actor);
    const { kpmId, period, ...conditions } = input;
    const compliant = Object.values(conditions).every((condition) => condition.met);
    const data = { conditions, compliant, recordedBy: actor.userId, recordedAt: new Date() };
    await tx.complianceCheck.upsert({
      where: { kpmId_period: { kpmId, period } },
      create: { kpmId, period, ...data },
      update: data,
    });
    await context.emit({
      type: 'compliance.verified',
      version: 1,
      aggregateId: kpmId,
      payload: {
        kpmId,
        assistantId: family.assistantId,
        villageCode: family.villageCode,
        period,
        compliant,
        verifiedAt: data.recordedAt.toISOString(),
      },
    });
    const checks = await tx.complianceCheck.findMany({
      where: { kpmId },
      orderBy: { period: 'desc' },
      take: 12,
    });
    const latestCompliant = checks[0]?.compliant ?? true;
    const updated = await tx.kpm.update({
      where: { id: kpmId },
      data: { nonCompliant: !latestCompliant },
      include: { group: true },
    });
    if (family.nonCompliant === latestCompliant) {
      const unmet = Object.entries(conditions)
        .filter(([, c]) => !c.met)
        .map(([name, c]) => `${name}: ${c.reason}`);
      await this.families.audit(tx, kpmId, {
        action: latestCompliant ? 'compliant' : 'non-compliant',
        reason: latestCompliant ? `verified ${period}` : `${period}: ${unmet.join('; ')}`,
        actor,
        correlationId: context.correlationId,
      });
    }
    return { flags: flagsOf(updated), checks: checks.map(toComplianceView) };
  }

  @HandleCommand('caseload.ledger.record')
  async recordLedger(
    input: CommandPayload<'caseload.ledger.record'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.ledger.record'>> {
    const family = await this.family(tx, input.kpmId, actor);
    await tx.ledgerEntry.createMany({
      data: input.entries.map((entry) => ({
        kpmId: family.id,
        on: new Date(`${entry.on}T00:00:00Z`),
        kind: entry.kind,
        amount: entry.amount,
        note: entry.note ?? null,
        recordedBy: actor.userId,
      })),
    });
    const entries = await tx.ledgerEntry.findMany({
      where: { kpmId: family.id, on: { gte: ledgerSince() } },
    });
    return summariseLedger(entries);
  }
}
