import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CommandPayload, CommandResponse } from '@jembatan/contracts';
import { DomainError, HandleCommand, type CommandContext } from '@jembatan/messaging';
import { RegionDirectory } from '@jembatan/regions';
import { REGIONS } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import {
  assertCanManage,
  assigneeFor,
  listScope,
  villageWithin,
} from '../families/family.access.js';

const GROUP_VIEW = {
  leader: { select: { id: true, headName: true } },
  _count: { select: { families: true } },
} as const;

type GroupRow = {
  id: string;
  name: string;
  villageCode: string;
  assistantId: string;
  leader: { id: string; headName: string } | null;
  _count: { families: number };
};

const toView = (group: GroupRow) => ({
  id: group.id,
  name: group.name,
  villageCode: group.villageCode,
  assistantId: group.assistantId,
  leader: group.leader ? { kpmId: group.leader.id, headName: group.leader.headName } : null,
  families: group._count.families,
});

/** KPM groups (kelompok): the unit P2K2 sessions are held for, each with a leader. */
@Injectable()
export class GroupsHandlers {
  constructor(@Inject(REGIONS) private readonly regions: RegionDirectory) {}

  @HandleCommand('caseload.group.create')
  async create(
    input: CommandPayload<'caseload.group.create'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.group.create'>> {
    if (!this.regions.has(input.villageCode, 'village'))
      throw DomainError.invalid([
        { path: 'villageCode', message: 'is not a village in idn-area-data' },
      ]);
    const assistantId = assigneeFor(actor, input.assistantId, input.villageCode);
    const clash = await tx.kpmGroup.findUnique({
      where: { villageCode_name: { villageCode: input.villageCode, name: input.name } },
    });
    if (clash)
      throw new DomainError(
        409,
        'duplicate-group',
        'This kelurahan already has a group of that name',
        [{ path: 'name', message: 'is taken in this kelurahan' }],
      );
    const group = await tx.kpmGroup.create({
      data: { id: randomUUID(), name: input.name, villageCode: input.villageCode, assistantId },
      include: GROUP_VIEW,
    });
    return toView(group);
  }

  @HandleCommand('caseload.group.set-leader')
  async setLeader(
    input: CommandPayload<'caseload.group.set-leader'>,
    { actor, tx }: CommandContext<Tx>,
  ): Promise<CommandResponse<'caseload.group.set-leader'>> {
    const group = await tx.kpmGroup.findUnique({ where: { id: input.groupId } });
    if (!group) throw new DomainError(404, 'not-found', 'No such group');
    assertCanManage(actor, group);
    const family = await tx.kpm.findUnique({ where: { id: input.kpmId } });
    if (family?.groupId !== group.id)
      throw DomainError.invalid([{ path: 'kpmId', message: 'is not a family of this group' }]);
    const updated = await tx.kpmGroup.update({
      where: { id: group.id },
      data: { leaderKpmId: family.id },
      include: GROUP_VIEW,
    });
    return toView(updated);
  }

  @HandleCommand('caseload.group.list')
  async list(
    input: CommandPayload<'caseload.group.list'>,
    { actor, tx }: CommandContext<PrismaService>,
  ): Promise<CommandResponse<'caseload.group.list'>> {
    const scope = listScope(actor);
    const region = input.regionCode ?? scope.regionPrefix;
    const groups = await tx.kpmGroup.findMany({
      where: {
        ...(scope.assistantId ? { assistantId: scope.assistantId } : {}),
        // The region asked for, and never beyond the caller's own.
        AND: [region, scope.regionPrefix].flatMap((code) => (code ? [villageWithin(code)] : [])),
      },
      orderBy: [{ villageCode: 'asc' }, { name: 'asc' }],
      take: 500,
      include: GROUP_VIEW,
    });
    return { items: groups.map(toView) };
  }
}
