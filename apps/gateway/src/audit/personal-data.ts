import { SetMetadata } from '@nestjs/common';

export const PERSONAL_DATA = 'jembatan:personal-data';

/**
 * Marks a read that returns families' personal data (names, NIKs, children, finances): each
 * call is written to the audit trail with the record it named, like every change is.
 */
export const PersonalData = (recordKind: string) => SetMetadata(PERSONAL_DATA, recordKind);

/** What the audit trail needs from a request, noted by the AuthGuard once it knows the route. */
export interface AuditNote {
  recordKind: string | null;
  recordId: string | null;
}
