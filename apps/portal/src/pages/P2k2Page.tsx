import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { villageLocalToInstant, villageTime } from '@jembatan/contracts/pure';
import type { AvailabilitySlot, P2k2GroupView, P2k2SessionView } from '@jembatan/contracts';
import { api } from '../api/client';
import { sessionTitle } from '../lib/p2k2';
import { send, useApiAction } from '../lib/use-api-action';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** P2K2: each group's progress and availability, planning, and the assistant's calendar. */
export function P2k2Page({
  canPlan,
  onOpenSession,
}: {
  canPlan: boolean;
  onOpenSession: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [groups, setGroups] = useState<P2k2GroupView[]>([]);
  const [sessions, setSessions] = useState<P2k2SessionView[]>([]);
  const [reload, setReload] = useState(0);
  const [message, setMessage] = useState('');
  // The calendar is the assistant's by default; one group's on choice.
  const [groupFilter, setGroupFilter] = useState('');

  useEffect(() => {
    api<{ items: P2k2GroupView[] }>('/api/p2k2/groups').then(
      (r) => setGroups(r.items),
      () => setGroups([]),
    );
  }, [reload]);

  useEffect(() => {
    const query = new URLSearchParams({
      from: day(-7),
      to: day(28),
      ...(groupFilter ? { groupId: groupFilter } : {}),
    });
    api<{ items: P2k2SessionView[] }>(`/api/p2k2/sessions?${query}`).then(
      (r) => setSessions(r.items),
      () => setSessions([]),
    );
  }, [reload, groupFilter]);

  const refresh = () => setReload((n) => n + 1);
  return (
    <section>
      <h2>{t('nav.p2k2')}</h2>
      {message && <p role="status">{message}</p>}
      <h3>{t('p2k2.calendar')}</h3>
      <label>
        {t('kpm.group')}
        <select value={groupFilter} onChange={(e) => setGroupFilter(e.target.value)}>
          <option value="">{t('p2k2.allGroups')}</option>
          {groups.map((g) => (
            <option key={g.groupId} value={g.groupId}>
              {g.name} · {g.villageCode}
            </option>
          ))}
        </select>
      </label>
      {sessions.length === 0 ? (
        <p>{t('p2k2.noSessions')}</p>
      ) : (
        <table aria-label={t('p2k2.calendar')}>
          <thead>
            <tr>
              <th>{t('p2k2.when')}</th>
              <th>{t('kpm.group')}</th>
              <th>{t('p2k2.session')}</th>
              <th>{t('p2k2.place')}</th>
              <th>{t('p2k2.status')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>{villageTime(s.startsAt, s.villageCode)}</td>
                <td>{s.groupName}</td>
                <td>
                  <button type="button" onClick={() => onOpenSession(s.id)}>
                    {sessionTitle(s.module, s.sessionNo, i18n.language)}
                  </button>
                </td>
                <td>{s.place}</td>
                <td>
                  {t(`p2k2.statuses.${s.status}`)}
                  {s.status === 'held' && ` (${s.attended}/${s.invited})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('p2k2.groups')}</h3>
      {groups.length === 0 && <p>{t('p2k2.noGroups')}</p>}
      {groups.map((group) => (
        <GroupCard
          key={group.groupId}
          group={group}
          canPlan={canPlan}
          onChanged={(text) => {
            setMessage(text);
            refresh();
          }}
        />
      ))}
    </section>
  );
}

function GroupCard({
  group,
  canPlan,
  onChanged,
}: {
  group: P2k2GroupView;
  canPlan: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [slots, setSlots] = useState<AvailabilitySlot[]>(group.availability);
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState(90);
  const [place, setPlace] = useState('');
  const { message: error, run } = useApiAction();

  // A change is reported by the page (message and reload); a refusal stays on this card.
  async function change(call: () => Promise<unknown>, success: string) {
    if ((await run(call)) !== undefined) onChanged(success);
  }
  const saveAvailability = () =>
    change(
      () => api(`/api/p2k2/groups/${group.groupId}/availability`, send('PUT', { slots })),
      t('p2k2.availabilitySaved', { name: group.name }),
    );
  function plan(event: FormEvent) {
    event.preventDefault();
    const body = {
      groupId: group.groupId,
      startsAt: villageLocalToInstant(startsAt, group.villageCode),
      durationMinutes: duration,
      place,
    };
    void change(
      () => api('/api/p2k2/sessions', send('POST', body, true)),
      t('p2k2.planned', { name: group.name }),
    );
  }

  return (
    <article className="card" aria-label={group.name}>
      <h4>
        {group.name} · {group.villageCode}
      </h4>
      <p>
        {t('p2k2.progress', { done: group.delivered.length, families: group.families })}
        {group.attendanceRate !== null &&
          ` · ${t('p2k2.attendanceRate', { rate: group.attendanceRate })}`}
        {' · '}
        {group.next
          ? t('p2k2.next', {
              title: sessionTitle(group.next.module, group.next.sessionNo, i18n.language),
            })
          : t('p2k2.finished')}
      </p>
      <progress max={15} value={group.delivered.length} />
      {canPlan && (
        <>
          <fieldset>
            <legend>{t('p2k2.availability')}</legend>
            {slots.map((slot, i) => (
              <div key={i} className="row">
                <select
                  aria-label={t('p2k2.weekday')}
                  value={slot.weekday}
                  onChange={(e) =>
                    setSlots(
                      slots.map((s, j) =>
                        j === i ? { ...s, weekday: Number(e.target.value) } : s,
                      ),
                    )
                  }
                >
                  {WEEKDAYS.map((d) => (
                    <option key={d} value={d}>
                      {t(`weekdays.${d}`)}
                    </option>
                  ))}
                </select>
                <input
                  type="time"
                  aria-label={t('p2k2.from')}
                  value={slot.from}
                  onChange={(e) =>
                    setSlots(slots.map((s, j) => (j === i ? { ...s, from: e.target.value } : s)))
                  }
                />
                <input
                  type="time"
                  aria-label={t('p2k2.to')}
                  value={slot.to}
                  onChange={(e) =>
                    setSlots(slots.map((s, j) => (j === i ? { ...s, to: e.target.value } : s)))
                  }
                />
                <button type="button" onClick={() => setSlots(slots.filter((_, j) => j !== i))}>
                  {t('p2k2.removeSlot')}
                </button>
              </div>
            ))}
            <button
              type="button"
              onClick={() => setSlots([...slots, { weekday: 6, from: '19:00', to: '21:00' }])}
            >
              {t('p2k2.addSlot')}
            </button>{' '}
            <button type="button" onClick={saveAvailability}>
              {t('p2k2.saveAvailability')}
            </button>
          </fieldset>
          <form onSubmit={plan}>
            <label>
              {t('p2k2.startsAt')}
              <input
                type="datetime-local"
                required
                value={startsAt}
                onChange={(e) => setStartsAt(e.target.value)}
              />
            </label>
            <label>
              {t('p2k2.duration')}
              <input
                type="number"
                min={30}
                max={240}
                step={15}
                value={duration}
                onChange={(e) => setDuration(Number(e.target.value))}
              />
            </label>
            <label>
              {t('p2k2.place')}
              <input required value={place} onChange={(e) => setPlace(e.target.value)} />
            </label>
            <button type="submit">{t('p2k2.plan')}</button>
          </form>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </article>
  );
}
