import { Injectable } from '@nestjs/common';
import type { Actor } from '@jembatan/contracts';
import { DomainError } from '@jembatan/messaging';
import { assertCanRead, canManage } from '@jembatan/service-kit';
import type { PrismaService, Tx } from '../database/prisma.service.js';
import type { Family } from '../generated/prisma/client.js';

export type Db = Tx | PrismaService;

/** The families this service knows from caseload's cards, read under the caseload's access rules. */
@Injectable()
export class DirectoryRepository {
  async family(db: Db, kpmId: string, actor: Actor): Promise<Family> {
    const family = await db.family.findUnique({ where: { kpmId } });
    // Unknown here also when caseload's card has not arrived yet: say so rather than 403.
    if (!family)
      throw new DomainError(404, 'not-found', 'No such family (or it is not known here yet)');
    assertCanRead(actor, family);
    return family;
  }

  /** A family the actor may put forward (nominate, match to a tutor): its assistant or coordinator. */
  async manageable(db: Db, kpmId: string, actor: Actor): Promise<Family> {
    const family = await this.family(db, kpmId, actor);
    if (!canManage(actor, family))
      throw new DomainError(
        403,
        'forbidden',
        "Only the family's assistant or coordinator can act for it",
      );
    return family;
  }

  /** The group's families by name: the P2K2 session sheet. Plain SQL: it is on the hold path. */
  roster(db: Db, groupId: string): Promise<{ kpmId: string; headName: string }[]> {
    return db.$queryRawUnsafe(
      `SELECT kpm_id AS "kpmId", head_name AS "headName" FROM family WHERE group_id = $1::uuid
       ORDER BY head_name`,
      groupId,
    );
  }
}
