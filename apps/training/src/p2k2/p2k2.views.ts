import type { AvailabilitySlot, P2k2Module, P2k2SessionView } from '@jembatan/contracts';
import type { P2k2Attendance, P2k2Session } from '../generated/prisma/client.js';

export const sessionKey = (s: { module: string; sessionNo: number }) =>
  `${s.module}-${s.sessionNo}`;

const WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `Sat 19:00-21:00, Sun 08:00-10:00`: for refusals that tell the assistant what would fit. */
export const describeSlots = (slots: readonly AvailabilitySlot[]): string =>
  slots.map((s) => `${WEEKDAY_NAMES[s.weekday]} ${s.from}-${s.to}`).join(', ');

export interface RosterEntry {
  kpmId: string;
  headName: string;
}

/** The columns a session view is made of (a full row, or what the hold already knows). */
export type SessionRow = Pick<
  P2k2Session,
  | 'id'
  | 'groupId'
  | 'villageCode'
  | 'assistantId'
  | 'module'
  | 'sessionNo'
  | 'startsAt'
  | 'endsAt'
  | 'place'
  | 'status'
  | 'notes'
  | 'checkInAt'
  | 'latitude'
  | 'longitude'
  | 'accuracyMeters'
  | 'checkInLate'
  | 'photoType'
  | 'invited'
  | 'attended'
> & {
  group: { name: string };
  attendance?: Pick<P2k2Attendance, 'kpmId' | 'headName' | 'present' | 'note'>[];
};

export function toSessionView(session: SessionRow, roster?: RosterEntry[]): P2k2SessionView {
  const view: P2k2SessionView = {
    id: session.id,
    groupId: session.groupId,
    groupName: session.group.name,
    villageCode: session.villageCode,
    assistantId: session.assistantId,
    module: session.module as P2k2Module,
    sessionNo: session.sessionNo,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    place: session.place,
    status: session.status as P2k2SessionView['status'],
    notes: session.notes,
    checkIn:
      session.checkInAt && session.latitude !== null && session.longitude !== null
        ? {
            at: session.checkInAt.toISOString(),
            latitude: session.latitude,
            longitude: session.longitude,
            ...(session.accuracyMeters !== null ? { accuracyMeters: session.accuracyMeters } : {}),
            late: session.checkInLate ?? false,
            hasPhoto: session.photoType !== null,
          }
        : null,
    invited: session.invited,
    attended: session.attended,
  };
  if (session.status === 'held' && session.attendance) {
    view.roster = session.attendance
      .map((a) => ({ kpmId: a.kpmId, headName: a.headName, present: a.present, note: a.note }))
      .sort((a, b) => a.headName.localeCompare(b.headName));
  } else if (roster) {
    view.roster = roster.map((f) => ({ ...f, present: null, note: null }));
  }
  return view;
}
