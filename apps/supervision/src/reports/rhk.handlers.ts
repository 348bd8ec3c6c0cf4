import { Inject, Injectable } from '@nestjs/common';
import { localDay, type CommandPayload, type CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import { AuditTrail } from '../attendance/audit.repository.js';
import type { Tx } from '../database/prisma.service.js';
import { isSupervisor, scopedRegion } from '../region-scope.js';
import { RosterRepository, type StaffMember } from '../roster/roster.repository.js';
import { rhkDocument } from './documents/rhk-document.js';
import { exportFile } from './export-file.js';
import { RhkBuilder } from './rhk.builder.js';
import { RhkRepository } from './rhk.repository.js';

/**
 * The assistant's monthly performance report (RHK): built from the work log, submitted with
 * the assistant's notes (figures frozen then), approved or returned by a coordinator of the
 * region (audited), exported as PDF or XLSX.
 */
@Injectable()
export class RhkHandlers {
  constructor(
    private readonly builder: RhkBuilder,
    private readonly reports: RhkRepository,
    private readonly roster: RosterRepository,
    private readonly audit: AuditTrail,
    @Inject(REGIONS) private readonly regions: RegionDirectory,
  ) {}

  private currentMonth(member: StaffMember) {
    return localDay(new Date(), this.builder.regionOf(member)).slice(0, 7);
  }

  @HandleCommand('supervision.rhk.get')
  async get(
    input: CommandPayload<'supervision.rhk.get'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.rhk.get'>> {
    const member = await this.roster.supervisable(tx, actor, input.assistantId ?? actor.userId);
    return this.builder.view(tx, member, input.month ?? this.currentMonth(member));
  }

  @HandleCommand('supervision.rhk.submit')
  async submit(
    input: CommandPayload<'supervision.rhk.submit'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.rhk.submit'>> {
    if (actor.role !== 'assistant')
      throw new DomainError(403, 'forbidden', 'Assistants submit their own RHK');
    const member = await this.roster.supervisable(tx, actor, actor.userId);
    const current = this.currentMonth(member);
    if (input.month > current || input.month < member.since.slice(0, 7))
      throw DomainError.invalid([
        {
          path: 'month',
          message: `must be between ${member.since.slice(0, 7)} and the current month (${current})`,
        },
      ]);
    const { figures, evidence } = await this.builder.live(tx, member, input.month);
    const submitted = await this.reports.submit(tx, {
      assistantId: member.id,
      month: input.month,
      regionCode: member.regionCode,
      figures,
      evidence,
      notes: input.notes,
    });
    if (!submitted)
      throw new DomainError(
        409,
        'submitted',
        `The RHK of ${input.month} is submitted already; it can be sent again once returned`,
      );
    await this.audit.record(tx, {
      assistantId: member.id,
      day: `${input.month}-01`,
      action: 'rhk-submitted',
      actor,
      reason: input.notes,
      after: figures,
    });
    return this.builder.view(tx, member, input.month);
  }

  @HandleCommand('supervision.rhk.review')
  async review(
    input: CommandPayload<'supervision.rhk.review'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.rhk.review'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'An RHK is reviewed by a coordinator of the region');
    const member = await this.roster.supervisable(tx, actor, input.assistantId);
    const stored = await this.reports.find(tx, member.id, input.month, true);
    if (!stored)
      throw new DomainError(409, 'not-submitted', `The RHK of ${input.month} was not submitted`);
    if (stored.status !== 'submitted')
      throw new DomainError(409, stored.status, `The RHK of ${input.month} is ${stored.status}`);
    await this.reports.review(tx, member.id, input.month, {
      by: actor.userId,
      decision: input.decision,
      note: input.note ?? null,
    });
    await this.audit.record(tx, {
      assistantId: member.id,
      day: `${input.month}-01`,
      action: `rhk-${input.decision}`,
      actor,
      reason: input.note ?? null,
    });
    return this.builder.view(tx, member, input.month);
  }

  @HandleCommand('supervision.rhk.list')
  async list(
    input: CommandPayload<'supervision.rhk.list'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.rhk.list'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'The review queue is for coordinators');
    const region = scopedRegion(actor, input.regionCode);
    const members = await this.roster.assistantsIn(tx, region);
    const statuses = await this.reports.statuses(
      tx,
      members.map((m) => m.id),
      input.month,
    );
    return {
      items: members.map((m) => {
        const stored = statuses.get(m.id);
        return {
          assistantId: m.id,
          assistantName: m.name,
          regionCode: m.regionCode,
          status: stored?.status ?? 'draft',
          submittedAt: stored?.submittedAt.toISOString() ?? null,
        };
      }),
    };
  }

  @HandleCommand('supervision.rhk.export')
  async export(
    input: CommandPayload<'supervision.rhk.export'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.rhk.export'>> {
    const member = await this.roster.supervisable(tx, actor, input.assistantId ?? actor.userId);
    const rhk = await this.builder.view(tx, member, input.month);
    const regionName = (member.regionCode && this.regions.get(member.regionCode)?.name) ?? '-';
    return exportFile(rhkDocument(rhk, regionName), input.format);
  }
}
