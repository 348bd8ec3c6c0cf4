import { Injectable } from '@nestjs/common';
import { localDay, type CommandPayload, type CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { ActivityRepository } from '../activity/activity.repository.js';
import { monthRange } from '../attendance/day-status.js';
import type { Tx } from '../database/prisma.service.js';
import { isSupervisor, scopedRegion } from '../region-scope.js';
import { RosterRepository } from '../roster/roster.repository.js';
import { TasksRepository } from './tasks.repository.js';

/**
 * Directed tasks (tugas arahan): a coordinator or the Dinas assigns work to assistants of their
 * region with a due date; the assistant reports it done, which enters the work log and the RHK.
 */
@Injectable()
export class TasksHandlers {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly roster: RosterRepository,
    private readonly activity: ActivityRepository,
  ) {}

  @HandleCommand('supervision.task.assign')
  async assign(
    input: CommandPayload<'supervision.task.assign'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.task.assign'>> {
    if (!isSupervisor(actor))
      throw new DomainError(403, 'forbidden', 'Tasks are assigned by coordinators or the Dinas');
    const region = scopedRegion(actor, undefined);
    const today = localDay(new Date(), region ?? '31');
    if (input.dueOn < today)
      throw DomainError.invalid([{ path: 'dueOn', message: `cannot be before today (${today})` }]);
    const assistantIds = await this.roster.requireAssistantsIn(
      tx,
      region,
      input.assistantIds,
      'assistantIds',
    );
    const ids = await this.tasks.insert(tx, {
      assistantIds,
      assignedBy: actor.userId,
      title: input.title,
      detail: input.detail ?? null,
      dueOn: input.dueOn,
    });
    return { items: await this.tasks.byIds(tx, ids, today) };
  }

  @HandleCommand('supervision.task.list')
  async list(
    input: CommandPayload<'supervision.task.list'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.task.list'>> {
    const today = localDay(new Date(), actor.regionCode ?? '31');
    const { from, to } = input.month
      ? monthRange(input.month)
      : { from: '1900-01-01', to: '2999-12-31' };
    if (actor.role === 'assistant' || input.assistantId) {
      const member = await this.roster.supervisable(tx, actor, input.assistantId ?? actor.userId);
      return { items: await this.tasks.list(tx, { assistantId: member.id }, from, to, today) };
    }
    const region = scopedRegion(actor, undefined);
    return { items: await this.tasks.list(tx, { region }, from, to, today) };
  }

  @HandleCommand('supervision.task.complete')
  async complete(
    input: CommandPayload<'supervision.task.complete'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'supervision.task.complete'>> {
    const today = localDay(new Date(), actor.regionCode ?? '31');
    const [task] = await this.tasks.byIds(tx, [input.taskId], today, true);
    if (!task || task.assistantId !== actor.userId)
      throw new DomainError(404, 'not-found', `No task ${input.taskId} of yours`);
    if (task.doneAt) throw new DomainError(409, 'done', `Reported done at ${task.doneAt}`);
    const doneAt = await this.tasks.complete(tx, task.id, input.report);
    await this.activity.record(tx, {
      assistantId: task.assistantId,
      kind: 'directed-task',
      refId: task.id,
      at: doneAt,
      regionCode: actor.regionCode ?? '31',
      detail: { title: task.title, dueOn: task.dueOn, report: input.report },
      sourceId: `task:${task.id}`,
    });
    return (await this.tasks.byIds(tx, [task.id], today))[0]!;
  }
}
