import { z } from 'zod';
import { ROLES } from '../common.js';

// The audit trail's query (the Dinas's screen): who did what, when, from where, on which record.

export const AUDIT_ACTIONS = ['read', 'change', 'sign-in'] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);

const day = z.iso.date();

export const AuditQuery = z.strictObject({
  /** An account id: what that person did. */
  actorId: z.string().trim().min(1).max(100).optional(),
  /** A record id (a family, a referral...): who touched it. */
  recordId: z.string().trim().min(1).max(200).optional(),
  action: AuditAction.optional(),
  /** Days in WIB, inclusive. */
  from: day.optional(),
  to: day.optional(),
  /** The last id of the previous page: older lines come next. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventView = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.object({
    id: z.string(),
    name: z.string().nullable(),
    role: z.enum(ROLES),
    regionCode: z.string().nullable(),
  }),
  ip: z.string(),
  action: AuditAction,
  method: z.string(),
  route: z.string(),
  recordKind: z.string().nullable(),
  recordId: z.string().nullable(),
  status: z.number(),
  correlationId: z.string(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditPage = z.object({
  items: z.array(AuditEventView),
  /** Pass as `before` for the next (older) page; null at the end. */
  next: z.number().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
