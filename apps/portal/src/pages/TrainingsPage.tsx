import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BUSINESS_KINDS } from '@jembatan/contracts/pure';
import type { NominationView, TrainingOfferView } from '@jembatan/contracts';
import { api, download } from '../api/client';
import { describeError } from '../lib/errors';
import { send, useApiAction } from '../lib/use-api-action';

type OfferDetail = TrainingOfferView & { nominations: NominationView[] };

/**
 * Partner trainings. Partners post trainings and answer nominations (accept, decline, take
 * attendance, complete); assistants nominate families (with their consent) and follow them.
 */
export function TrainingsPage({ role }: { role: string }) {
  const { t } = useTranslation();
  const [offers, setOffers] = useState<TrainingOfferView[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    api<{ items: TrainingOfferView[] }>('/api/trainings').then(
      (r) => setOffers(r.items),
      () => setOffers([]),
    );
  }, [reload]);

  return (
    <section>
      <h2>{t('nav.trainings')}</h2>
      {role === 'partner' && <PostTrainingForm onPosted={() => setReload((n) => n + 1)} />}
      {offers.length === 0 && <p>{t('trainings.none')}</p>}
      <ul className="offers">
        {offers.map((offer) => (
          <li key={offer.id}>
            <article className="card" aria-label={offer.title}>
              <h3>{offer.title}</h3>
              <p>
                {offer.partnerName} · {offer.place} · {offer.startsOn}
                {offer.endsOn !== offer.startsOn && ` – ${offer.endsOn}`} ·{' '}
                {t('trainings.seats', { taken: offer.seatsTaken, capacity: offer.capacity })}
                {offer.waitlisted > 0 &&
                  ` · ${t('trainings.waitlisted', { count: offer.waitlisted })}`}
              </p>
              {!offer.acceptsNominations && <p role="note">{t('trainings.onHold')}</p>}
              {offer.prerequisites.minBusinessMonths !== undefined && (
                <p>
                  {t('trainings.needsMonths', { months: offer.prerequisites.minBusinessMonths })}
                </p>
              )}
              <button type="button" onClick={() => setOpen(open === offer.id ? null : offer.id)}>
                {open === offer.id ? t('trainings.close') : t('trainings.open')}
              </button>
              {open === offer.id && (
                <OfferPanel
                  offerId={offer.id}
                  role={role}
                  onChanged={() => setReload((n) => n + 1)}
                />
              )}
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PostTrainingForm({ onPosted }: { onPosted: () => void }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState({
    title: '',
    description: '',
    regionCode: '',
    place: '',
    startsOn: today,
    endsOn: today,
    meetings: 4,
    capacity: 20,
    minBusinessMonths: '',
    businessKind: '',
  });
  const { message, run } = useApiAction(onPosted);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      title: form.title,
      description: form.description,
      regionCode: form.regionCode,
      place: form.place,
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      meetings: Number(form.meetings),
      capacity: Number(form.capacity),
      prerequisites: {
        ...(form.minBusinessMonths ? { minBusinessMonths: Number(form.minBusinessMonths) } : {}),
        ...(form.businessKind ? { businessKinds: [form.businessKind] } : {}),
      },
    };
    void run(
      () => api('/api/trainings', send('POST', body, true)),
      t('trainings.posted', { title: form.title }),
    );
  }

  return (
    <details>
      <summary>{t('trainings.post')}</summary>
      <form onSubmit={submit}>
        <label>
          {t('trainings.title')}
          <input required value={form.title} onChange={set('title')} />
        </label>
        <label>
          {t('trainings.description')}
          <textarea value={form.description} onChange={set('description')} />
        </label>
        <label>
          {t('trainings.regionCode')}
          <input
            required
            value={form.regionCode}
            onChange={set('regionCode')}
            placeholder="31.75"
          />
        </label>
        <label>
          {t('p2k2.place')}
          <input required value={form.place} onChange={set('place')} />
        </label>
        <label>
          {t('trainings.startsOn')}
          <input type="date" required value={form.startsOn} onChange={set('startsOn')} />
        </label>
        <label>
          {t('trainings.endsOn')}
          <input type="date" required value={form.endsOn} onChange={set('endsOn')} />
        </label>
        <label>
          {t('trainings.meetings')}
          <input type="number" min={1} max={60} value={form.meetings} onChange={set('meetings')} />
        </label>
        <label>
          {t('trainings.capacity')}
          <input
            type="number"
            min={1}
            max={1000}
            value={form.capacity}
            onChange={set('capacity')}
          />
        </label>
        <label>
          {t('trainings.minBusinessMonths')}
          <input
            type="number"
            min={1}
            max={120}
            value={form.minBusinessMonths}
            onChange={set('minBusinessMonths')}
          />
        </label>
        <label>
          {t('trainings.businessKind')}
          <select value={form.businessKind} onChange={set('businessKind')}>
            <option value="">{t('trainings.anyBusiness')}</option>
            {BUSINESS_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`assessment.options.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('trainings.submitPost')}</button>
      </form>
      {message && <p role="status">{message}</p>}
    </details>
  );
}

function OfferPanel({
  offerId,
  role,
  onChanged,
}: {
  offerId: string;
  role: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [offer, setOffer] = useState<OfferDetail | null>(null);
  const [reload, setReload] = useState(0);
  const { message, setMessage, run } = useApiAction(() => {
    setReload((n) => n + 1);
    onChanged();
  });
  const [meetingNo, setMeetingNo] = useState(1);
  const [present, setPresent] = useState<Record<string, boolean>>({});

  useEffect(() => {
    api<OfferDetail>(`/api/trainings/${offerId}`).then(setOffer, (e: unknown) =>
      setMessage(describeError(e, t)),
    );
  }, [offerId, reload, t]);

  const act = (path: string, body: object, done: string) =>
    run(() => api(path, send('POST', body)), done);
  if (!offer) return <p>{message || t('app.loading')}</p>;
  const isPartner = role === 'partner';
  const accepted = offer.nominations.filter((n) => n.status === 'accepted');
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div>
      {offer.description && <p>{offer.description}</p>}
      {['assistant', 'coordinator'].includes(role) && (
        <NominateForm
          offerId={offer.id}
          onNominated={(text) => {
            setMessage(text);
            setReload((n) => n + 1);
            onChanged();
          }}
        />
      )}
      <table aria-label={t('trainings.nominations')}>
        <thead>
          <tr>
            <th>{t('kpm.headName')}</th>
            <th>{t('kpm.villageCode')}</th>
            <th>{t('trainings.status')}</th>
            <th>{t('trainings.attended')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {offer.nominations.map((n) => (
            <tr key={n.id}>
              <td>{n.headName}</td>
              <td>{n.villageCode}</td>
              <td>
                {t(`trainings.statuses.${n.status}`)}
                {n.waitlistPosition !== null && ` #${n.waitlistPosition}`}
              </td>
              <td>
                {n.attendedMeetings.length}/{offer.meetings}
              </td>
              <td>
                {isPartner && n.status === 'nominated' && (
                  <>
                    <button
                      type="button"
                      onClick={() =>
                        act(
                          `/api/nominations/${n.id}/decision`,
                          { decision: 'accept' },
                          t('trainings.acceptedOne', { name: n.headName }),
                        )
                      }
                    >
                      {t('trainings.accept')}
                    </button>{' '}
                    <button
                      type="button"
                      onClick={() => {
                        const reason = window.prompt(t('trainings.declineReason')) ?? '';
                        if (reason)
                          void act(
                            `/api/nominations/${n.id}/decision`,
                            { decision: 'decline', reason },
                            t('trainings.declinedOne', { name: n.headName }),
                          );
                      }}
                    >
                      {t('trainings.decline')}
                    </button>
                  </>
                )}
                {isPartner && n.status === 'accepted' && (
                  <button
                    type="button"
                    onClick={() =>
                      act(
                        `/api/nominations/${n.id}/completion`,
                        { completedOn: today },
                        t('trainings.completedOne', { name: n.headName }),
                      )
                    }
                  >
                    {t('trainings.complete')}
                  </button>
                )}
                {n.status === 'completed' && n.certificateNo && (
                  <button
                    type="button"
                    onClick={() =>
                      download(
                        `/api/nominations/${n.id}/certificate`,
                        `sertifikat-${n.certificateNo}.pdf`,
                      )
                    }
                  >
                    {t('trainings.certificate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isPartner && accepted.length > 0 && (
        <fieldset>
          <legend>{t('trainings.attendance')}</legend>
          <label>
            {t('trainings.meeting')}
            <input
              type="number"
              min={1}
              max={offer.meetings}
              value={meetingNo}
              onChange={(e) => setMeetingNo(Number(e.target.value))}
            />
          </label>
          {accepted.map((n) => (
            <label key={n.id} className="tick">
              <input
                type="checkbox"
                checked={present[n.id] ?? false}
                onChange={(e) => setPresent({ ...present, [n.id]: e.target.checked })}
              />
              {n.headName}
            </label>
          ))}
          <button
            type="button"
            onClick={() =>
              act(
                `/api/trainings/${offer.id}/attendance`,
                {
                  meetingNo,
                  attendance: accepted.map((n) => ({
                    nominationId: n.id,
                    present: present[n.id] ?? false,
                  })),
                },
                t('trainings.attendanceSaved', { meetingNo }),
              )
            }
          >
            {t('trainings.saveAttendance')}
          </button>
        </fieldset>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  );
}

function NominateForm({
  offerId,
  onNominated,
}: {
  offerId: string;
  onNominated: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [families, setFamilies] = useState<{ id: string; headName: string }[]>([]);
  const [kpmId, setKpmId] = useState('');
  const [consent, setConsent] = useState(false);
  const { message: error, run } = useApiAction();

  useEffect(() => {
    api<{ items: { id: string; headName: string }[] }>('/api/kpm?limit=200').then(
      (r) => setFamilies(r.items),
      () => setFamilies([]),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const nomination = await run(() =>
      api<NominationView>(
        `/api/trainings/${offerId}/nominations`,
        send('POST', { kpmId, consent }, true),
      ),
    );
    if (!nomination) return;
    setConsent(false);
    onNominated(
      t(`trainings.nominatedAs.${nomination.status}`, {
        name: nomination.headName,
        position: nomination.waitlistPosition,
      }),
    );
  }

  return (
    <form onSubmit={submit}>
      <label>
        {t('trainings.family')}
        <select required value={kpmId} onChange={(e) => setKpmId(e.target.value)}>
          <option value="">—</option>
          {families.map((f) => (
            <option key={f.id} value={f.id}>
              {f.headName}
            </option>
          ))}
        </select>
      </label>
      <label className="tick">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('trainings.consent')}
      </label>
      <button type="submit">{t('trainings.nominate')}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
