import { Injectable } from '@nestjs/common';
import type { CommandResponse } from '@jembatan/contracts';
import type { SqlClient } from '@jembatan/messaging';
import { MeetingsRepository } from '../coordination/meetings.repository.js';
import type { StaffMember } from '../roster/roster.repository.js';
import { AttendanceRepository } from './attendance.repository.js';
import { CalendarRepository } from './calendar.repository.js';
import { CorrectionsRepository } from './corrections.repository.js';
import { dayStatus, daysBetween, monthRange } from './day-status.js';

export type MonthRecord = CommandResponse<'supervision.attendance.record'>;

/**
 * An assistant's month of attendance judged against their region's calendar: each day's
 * status, the check-ins, corrections and missed meetings. The record screen and the RHK share it.
 */
@Injectable()
export class AttendanceMonth {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly calendars: CalendarRepository,
    private readonly corrections: CorrectionsRepository,
    private readonly meetings: MeetingsRepository,
  ) {}

  async of(
    db: SqlClient,
    member: StaffMember,
    regionCode: string,
    month: string,
    now = new Date(),
  ): Promise<MonthRecord> {
    const { from, to } = monthRange(month);
    const [{ calendar, exceptions, holidays }, entries, corrections, dayRows, missed] =
      await Promise.all([
        this.calendars.resolve(db, regionCode, from, to),
        this.attendance.entriesOf(db, member.id, from, to),
        this.corrections.ofAssistant(db, member.id, from, to),
        db.$queryRawUnsafe<{ day: string; firstIn: Date; late: boolean; minutesLate: number }[]>(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, first_in_at AS "firstIn", late,
                  minutes_late AS "minutesLate"
           FROM assistant_day WHERE assistant_id = $1::uuid AND day BETWEEN $2::date AND $3::date`,
          member.id,
          from,
          to,
        ),
        this.meetings.missedBy(
          db,
          member.id,
          new Date(`${from}T00:00:00Z`),
          new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000),
          now,
        ),
      ]);
    const byDay = new Map(dayRows.map((d) => [d.day, d]));
    const days = daysBetween(from, to).map((day) => {
      const row = byDay.get(day);
      return {
        day,
        status: dayStatus({
          day,
          checkedIn: row ?? null,
          calendar,
          exceptions,
          regionCode,
          since: member.since,
          now,
        }),
        holiday: holidays.get(day)?.name ?? null,
        firstIn: row?.firstIn.toISOString() ?? null,
        minutesLate: row?.minutesLate ?? 0,
      };
    });
    const count = (status: string) => days.filter((d) => d.status === status).length;
    return {
      assistant: { id: member.id, name: member.name, regionCode: member.regionCode },
      month,
      summary: {
        workingDays: days.filter((d) => d.status !== 'off').length,
        present: count('present') + count('late'),
        late: count('late'),
        absent: count('absent'),
        meetingsMissed: missed.length,
      },
      days,
      entries,
      corrections,
      meetingsMissed: missed.map((m) => ({ ...m, startsAt: m.startsAt.toISOString() })),
    };
  }
}
