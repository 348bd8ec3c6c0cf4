import { Injectable } from '@nestjs/common';
import type { Actor } from '@jembatan/contracts';
import type { Tx } from '../database/prisma.service.js';

/**
 * The audit trail of supervision's decisions: corrections asked and decided, calendars and
 * holidays changed, alerts acknowledged (who, role, when, why, before and after).
 */
@Injectable()
export class AuditTrail {
  async record(
    tx: Tx,
    entry: {
      assistantId: string | null;
      day: string | null;
      action: string;
      actor: Actor;
      reason: string | null;
      before?: unknown;
      after?: unknown;
    },
  ) {
    await tx.$executeRawUnsafe(
      `INSERT INTO attendance_audit (assistant_id, day, action, actor_id, actor_role, reason, before, after)
       VALUES ($1::uuid, $2::date, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
      entry.assistantId,
      entry.day,
      entry.action,
      entry.actor.userId,
      entry.actor.role,
      entry.reason,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    );
  }
}
