import { z } from 'zod';
import { RegionCode } from '../common.js';
import {
  ATTENDANCE_FLAGS,
  CheckInKind,
  GeoPoint,
  WorkCalendarInput,
} from '../supervision/attendance.js';
import { ClockTime } from '../training/p2k2.js';
import type { CommandDefinition } from './catalog.js';

const Day = z.iso.date();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const Flag = z.enum(ATTENDANCE_FLAGS);

export const AttendanceEntry = z.object({
  id: z.uuid(),
  assistantId: z.string(),
  kind: CheckInKind,
  refId: z.string().nullable(),
  day: Day,
  checkInAt: z.string(),
  checkOutAt: z.string().nullable(),
  /** Check-in time as the region's clock reads it, HH:MM. */
  localTime: z.string(),
  flags: z.array(Flag),
  minutesLate: z.number().int(),
  distanceM: z.number().int().nullable(),
  note: z.string().nullable(),
  /** Written or changed by an approved correction. */
  corrected: z.boolean(),
  /** Made on the phone without a connection and sent later (counts at the phone's time). */
  recordedOffline: z.boolean(),
});
export type AttendanceEntry = z.infer<typeof AttendanceEntry>;

/** How long a check-in made offline may wait on the phone before it is no longer accepted. */
export const OFFLINE_CHECK_IN_MAX_HOURS = 72;

export const CheckInCommand = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    kind: CheckInKind,
    /** The P2K2 session, family or meeting the check-in is for. */
    refId: z.uuid().optional(),
    location: GeoPoint.nullable().default(null),
    note: z.string().trim().max(500).optional(),
    /**
     * When the phone recorded it, for a check-in made offline and sent once the connection
     * returned (the portal's queue): the check-in counts at this time. At most
     * OFFLINE_CHECK_IN_MAX_HOURS old and not ahead of the server's clock.
     */
    recordedAt: z.iso.datetime({ offset: true }).optional(),
  }),
  response: AttendanceEntry,
} satisfies CommandDefinition;

export const CheckOutCommand = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    attendanceId: z.uuid(),
    location: GeoPoint.nullable().default(null),
  }),
  response: AttendanceEntry,
} satisfies CommandDefinition;

export const DAY_STATUSES = ['present', 'late', 'absent', 'off', 'upcoming'] as const;
export const DayStatus = z.enum(DAY_STATUSES);
export type DayStatus = z.infer<typeof DayStatus>;

export const CorrectionView = z.object({
  id: z.uuid(),
  assistantId: z.string(),
  assistantName: z.string().nullable(),
  day: Day,
  kind: CheckInKind,
  checkInTime: z.string(),
  checkOutTime: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type CorrectionView = z.infer<typeof CorrectionView>;

/** One assistant's month: each day's status, the check-ins behind it, corrections, meetings. */
export const AttendanceRecord = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    /** Defaults to the caller (an assistant reading their own record). */
    assistantId: z.uuid().optional(),
    month: Month.optional(),
  }),
  response: z.object({
    assistant: z.object({ id: z.string(), name: z.string(), regionCode: z.string().nullable() }),
    month: Month,
    summary: z.object({
      workingDays: z.number().int(),
      present: z.number().int(),
      late: z.number().int(),
      absent: z.number().int(),
      meetingsMissed: z.number().int(),
    }),
    days: z.array(
      z.object({
        day: Day,
        status: DayStatus,
        holiday: z.string().nullable(),
        firstIn: z.string().nullable(),
        minutesLate: z.number().int(),
      }),
    ),
    entries: z.array(AttendanceEntry),
    corrections: z.array(CorrectionView),
    meetingsMissed: z.array(
      z.object({ meetingId: z.uuid(), title: z.string(), startsAt: z.string() }),
    ),
  }),
} satisfies CommandDefinition;

const AttendanceCounts = z.object({
  code: RegionCode.nullable(),
  name: z.string(),
  /** Active assistants working in the region. */
  expected: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  /** Expected but not checked in (yet, when the day is not over). */
  missing: z.number().int(),
});

/** A region's attendance on one day, its child regions, and (for a district) its assistants. */
export const AttendanceToday = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ regionCode: RegionCode.optional(), day: Day.optional() }),
  response: z.object({
    day: Day,
    region: AttendanceCounts,
    children: z.array(AttendanceCounts),
    assistants: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        regionCode: z.string().nullable(),
        status: DayStatus,
        firstIn: z.string().nullable(),
        minutesLate: z.number().int(),
      }),
    ),
    /** The last 14 days that had any check-in or were working days: lateness over time. */
    trend: z.array(z.object({ day: Day, present: z.number().int(), late: z.number().int() })),
  }),
} satisfies CommandDefinition;

export const WorkCalendarView = WorkCalendarInput.safeExtend({
  regionCode: RegionCode.nullable(),
  /** The region whose settings apply (the nearest that set any), null for the default. */
  setFor: z.string().nullable(),
  holidays: z.array(
    z.object({
      day: Day,
      name: z.string(),
      regionCode: z.string().nullable(),
      working: z.boolean(),
    }),
  ),
});

export const GetWorkCalendar = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({
    regionCode: RegionCode.optional(),
    year: z.coerce.number().int().min(2007).max(2100).optional(),
  }),
  response: WorkCalendarView,
} satisfies CommandDefinition;

export const SetWorkCalendar = {
  service: 'supervision',
  kind: 'command',
  request: WorkCalendarInput.safeExtend({ regionCode: RegionCode }),
  response: WorkCalendarView,
} satisfies CommandDefinition;

export const SetHoliday = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    /** Omitted for a national holiday (admin only). */
    regionCode: RegionCode.optional(),
    day: Day,
    name: z.string().trim().min(2).max(120),
    /** A declared working day instead of a holiday. */
    working: z.boolean().default(false),
    remove: z.boolean().default(false),
  }),
  response: z.object({
    day: Day,
    regionCode: z.string().nullable(),
    working: z.boolean(),
    removed: z.boolean(),
  }),
} satisfies CommandDefinition;

export const RequestCorrection = {
  service: 'supervision',
  kind: 'command',
  request: z
    .strictObject({
      day: Day,
      kind: CheckInKind,
      refId: z.uuid().optional(),
      checkInTime: ClockTime,
      checkOutTime: ClockTime.optional(),
      /** Why the record is wrong: the coordinator decides on it and the audit keeps it. */
      reason: z
        .string()
        .trim()
        .min(10, 'must explain the correction (at least 10 characters)')
        .max(1000),
    })
    .refine((c) => !c.checkOutTime || c.checkInTime < c.checkOutTime, {
      message: 'must be after the check-in time',
      path: ['checkOutTime'],
    }),
  response: CorrectionView,
} satisfies CommandDefinition;

/** A coordinator's decision on a correction; a rejection must tell the assistant why. */
export const CorrectionDecisionBody = z
  .strictObject({
    approve: z.boolean(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((d) => d.approve || (d.note?.length ?? 0) >= 5, {
    message: 'a rejection needs a note for the assistant (at least 5 characters)',
    path: ['note'],
  });

export const DecideCorrection = {
  service: 'supervision',
  kind: 'command',
  request: CorrectionDecisionBody.safeExtend({ correctionId: z.uuid() }),
  response: CorrectionView,
} satisfies CommandDefinition;

export const ListCorrections = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional() }),
  response: z.object({ items: z.array(CorrectionView) }),
} satisfies CommandDefinition;
