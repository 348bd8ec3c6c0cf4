import type { Tx } from '../database/prisma.service.js';

type LockedTable = 'training_offer' | 'mentoring_plan' | 'tutor' | 'p2k2_session';

/**
 * Locks one row until the transaction ends, so checks made after it (seats left, a tutor's
 * free places, a session still planned) cannot be raced by a concurrent command.
 */
export async function lockRow(tx: Tx, table: LockedTable, id: string): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT 1 FROM ${table} WHERE id = $1::uuid FOR UPDATE`, id);
}
