import { z } from 'zod';
import { DecisionReason, RegionCode } from '../common.js';

// Accounts the gateway keeps: who may sign in, as what, where. Staff accounts are created by an
// admin (any staff role) or by a regency's Dinas (its assistants and coordinators); partners
// register themselves and treasurers are appointed by their group's assistant.

/** A sign-in name: lower case, 4-40 letters, digits, dots, dashes or underscores. */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{3,39}$/, '4-40 letters, digits, dots, dashes or underscores');

export const Password = z.string().min(10, 'at least 10 characters').max(200);

export const STAFF_ROLES = ['assistant', 'coordinator', 'dinas', 'admin'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const ACCOUNT_CHANGES = [
  'created',
  'disabled',
  'enabled',
  'password-reset',
  'password-changed',
] as const;
export type AccountChangeKind = (typeof ACCOUNT_CHANGES)[number];

export const CreateStaffAccountBody = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(2, 'must have at least 2 characters').max(120),
  role: StaffRole,
  /** Where the account works: a kecamatan for an assistant, a regency or kecamatan for a
   *  coordinator, a regency or province for the Dinas; none for a national admin. */
  regionCode: RegionCode.nullable(),
  /** The first password, handed over in person; the holder changes it after signing in. */
  password: Password,
});

export const StaffAccountView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: StaffRole,
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  disabled: z.boolean(),
  secondFactor: z.boolean(),
  createdAt: z.string(),
  /** The last decision on the account: what, why, by which role, when. */
  lastChange: z
    .object({
      change: z.enum(ACCOUNT_CHANGES),
      reason: z.string().nullable(),
      actorRole: z.string(),
      at: z.string(),
    })
    .nullable(),
});
export type StaffAccountView = z.infer<typeof StaffAccountView>;

export const StaffAccountQuery = z.strictObject({
  role: StaffRole.optional(),
  /** Part of the name or username. */
  q: z.string().trim().min(1).max(100).optional(),
});

const Reason = DecisionReason;

/** Disabling ends the account's sessions at once; the reason goes to the audit trail. */
export const AccountStatusBody = z.strictObject({ disabled: z.boolean(), reason: Reason });

/** A new password set by an admin or the Dinas (a forgotten one); the account's sessions end. */
export const ResetPasswordBody = z.strictObject({ password: Password, reason: Reason });

/** The holder changes their own password; every other session of theirs ends. */
export const ChangePasswordBody = z.strictObject({
  current: z.string().min(1).max(200),
  password: Password,
});
