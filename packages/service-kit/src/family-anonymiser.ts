import { Injectable, type Type } from '@nestjs/common';
import { ANONYMISED_NAME, type EventEnvelope, type KpmAnonymisedV1 } from '@jembatan/contracts';
import { OnEvent, type SqlClient } from '@jembatan/messaging';

/**
 * Runs a service's anonymisation statements for one family: each takes the family's id as $1
 * and, if it uses it, the replacement name as $2. They must be idempotent (a redelivered event
 * runs them again on rows already replaced).
 */
export async function anonymiseFamily(
  tx: SqlClient,
  kpmId: string,
  statements: readonly string[],
): Promise<void> {
  for (const sql of statements) {
    // PostgreSQL refuses parameters a statement does not use.
    const values = sql.includes('$2') ? [ANONYMISED_NAME] : [];
    await tx.$executeRawUnsafe(sql, kpmId, ...values);
  }
}

/** The provider a service registers to apply the retention rule (kpm.anonymised) to its data. */
export function familyAnonymiser(statements: readonly string[]): Type<unknown> {
  @Injectable()
  class FamilyAnonymiser {
    @OnEvent('kpm.anonymised', 1)
    onAnonymised(event: EventEnvelope<KpmAnonymisedV1>, tx: SqlClient): Promise<void> {
      return anonymiseFamily(tx, event.payload.kpmId, statements);
    }
  }
  return FamilyAnonymiser;
}
