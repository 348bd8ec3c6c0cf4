import { Injectable } from '@nestjs/common';
import type { Actor, CommandPayload, CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import type { ImportJob } from '../generated/prisma/client.js';
import { PrismaService } from '../database/prisma.service.js';
import { toImportView } from './import.runner.js';

/** Who may follow an import and read its error report: who started it, its assistant, admins. */
export function canSeeImport(
  actor: Actor,
  job: Pick<ImportJob, 'startedBy' | 'assistantId'>,
): boolean {
  return (
    actor.role === 'admin' || job.startedBy === actor.userId || job.assistantId === actor.userId
  );
}

/** Import progress and history, served over Kafka like every other query. */
@Injectable()
export class ImportsHandlers {
  constructor(private readonly prisma: PrismaService) {}

  @HandleCommand('caseload.import.get')
  async get(
    input: CommandPayload<'caseload.import.get'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'caseload.import.get'>> {
    const job = await this.prisma.importJob.findUnique({ where: { id: input.importId } });
    if (!job || !canSeeImport(actor, job))
      throw new DomainError(404, 'not-found', 'No such import');
    return toImportView(job);
  }

  @HandleCommand('caseload.import.list')
  async list(
    _input: CommandPayload<'caseload.import.list'>,
    { actor }: CommandContext,
  ): Promise<CommandResponse<'caseload.import.list'>> {
    const jobs = await this.prisma.importJob.findMany({
      where:
        actor.role === 'admin'
          ? {}
          : { OR: [{ startedBy: actor.userId }, { assistantId: actor.userId }] },
      orderBy: { startedAt: 'desc' },
      take: 50,
    });
    return { items: jobs.map(toImportView) };
  }
}
