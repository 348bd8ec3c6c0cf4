import { z } from 'zod';
import { RegionCode } from '../common.js';
import type { CommandDefinition } from './catalog.js';

export const MEETING_ATTENDANCE = ['pending', 'present', 'late', 'absent', 'excused'] as const;

export const MeetingView = z.object({
  id: z.uuid(),
  title: z.string(),
  regionCode: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  placeName: z.string(),
  place: z.object({ lat: z.number(), lng: z.number(), radiusM: z.number() }).nullable(),
  organizerId: z.string(),
  minutes: z.string().nullable(),
  invitees: z.array(
    z.object({
      assistantId: z.string(),
      name: z.string(),
      status: z.enum(MEETING_ATTENDANCE),
      checkedInAt: z.string().nullable(),
    }),
  ),
});
export type MeetingView = z.infer<typeof MeetingView>;

/** A coordinator calls the assistants of their region (or the ones named) to a meeting. */
export const ScheduleMeeting = {
  service: 'supervision',
  kind: 'command',
  request: z
    .strictObject({
      title: z.string().trim().min(3).max(200),
      startsAt: z.iso.datetime({ offset: true }),
      endsAt: z.iso.datetime({ offset: true }),
      placeName: z.string().trim().min(2).max(200),
      place: z
        .strictObject({
          lat: z.number().min(-90).max(90),
          lng: z.number().min(-180).max(180),
          radiusM: z.number().int().min(20).max(20_000).default(200),
        })
        .optional(),
      /** Defaults to the organiser's region. */
      regionCode: RegionCode.optional(),
      /** Defaults to every active assistant of the region. */
      inviteeIds: z.array(z.uuid()).min(1).max(2000).optional(),
    })
    .refine((m) => Date.parse(m.startsAt) < Date.parse(m.endsAt), {
      message: 'must end after it starts',
      path: ['endsAt'],
    }),
  response: MeetingView,
} satisfies CommandDefinition;

export const ListMeetings = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
  response: z.object({
    items: z.array(
      MeetingView.omit({ invitees: true, minutes: true }).extend({
        invited: z.number().int(),
        present: z.number().int(),
        /** The calling assistant's own status, for an assistant. */
        mine: z.enum(MEETING_ATTENDANCE).nullable(),
      }),
    ),
  }),
} satisfies CommandDefinition;

export const GetMeeting = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ meetingId: z.uuid() }),
  response: MeetingView,
} satisfies CommandDefinition;

/** The organiser records who came (check-ins already count) and the minutes. */
export const RecordMeeting = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    meetingId: z.uuid(),
    attendance: z
      .array(
        z.strictObject({
          assistantId: z.uuid(),
          status: z.enum(['present', 'late', 'absent', 'excused']),
        }),
      )
      .max(2000)
      .default([]),
    minutes: z.string().trim().max(20_000).optional(),
  }),
  response: MeetingView,
} satisfies CommandDefinition;

export const AnnouncementView = z.object({
  id: z.uuid(),
  title: z.string(),
  body: z.string(),
  regionCode: z.string().nullable(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  postedAt: z.string(),
  recipients: z.number().int(),
  read: z.number().int(),
  /** For an assistant: when they read it. */
  readAt: z.string().nullable(),
});
export type AnnouncementView = z.infer<typeof AnnouncementView>;

/** Kemensos (admin), the Dinas or a coordinator tells every assistant of a region at once. */
export const PostAnnouncement = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(3).max(10_000),
    /** Omitted: the author's region (the nation for an admin). */
    regionCode: RegionCode.optional(),
  }),
  response: AnnouncementView,
} satisfies CommandDefinition;

export const ListAnnouncements = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({}),
  response: z.object({ items: z.array(AnnouncementView) }),
} satisfies CommandDefinition;

export const ReadAnnouncement = {
  service: 'supervision',
  kind: 'command',
  request: z.strictObject({ announcementId: z.uuid() }),
  response: AnnouncementView,
} satisfies CommandDefinition;

export const AnnouncementReceipts = {
  service: 'supervision',
  kind: 'query',
  request: z.strictObject({ announcementId: z.uuid() }),
  response: z.object({
    announcement: AnnouncementView,
    recipients: z.array(
      z.object({
        assistantId: z.string(),
        name: z.string(),
        regionCode: z.string().nullable(),
        readAt: z.string().nullable(),
      }),
    ),
  }),
} satisfies CommandDefinition;
