import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TUTOR_EXPERTISE, type MentoringPlanView, type TutorView } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';

/** The tutor's workspace: their profile, their mentees' plans, session logs and completion. */
export function TutorPage() {
  const { t } = useTranslation();
  const [plans, setPlans] = useState<MentoringPlanView[]>([]);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    api<{ items: MentoringPlanView[] }>('/api/mentoring').then(
      (r) => setPlans(r.items),
      () => setPlans([]),
    );
  }, [reload]);
  return (
    <section>
      <h2>{t('nav.tutor')}</h2>
      <TutorProfileForm />
      <h3>{t('tutor.mentees')}</h3>
      {plans.length === 0 && <p>{t('tutor.noMentees')}</p>}
      {plans.map((plan) => (
        <MentoringPlanCard key={plan.id} plan={plan} onChanged={() => setReload((n) => n + 1)} />
      ))}
    </section>
  );
}

function TutorProfileForm() {
  const { t } = useTranslation();
  const [profile, setProfile] = useState({
    name: '',
    areaCode: '',
    capacity: 5,
    bio: '',
    expertise: [] as string[],
  });
  const { message, run } = useApiAction();
  useEffect(() => {
    api<{ items: TutorView[] }>('/api/tutors').then(
      (r) => {
        const mine = r.items[0];
        if (mine)
          setProfile({
            name: mine.name,
            areaCode: mine.areaCode,
            capacity: mine.capacity,
            bio: mine.bio,
            expertise: mine.expertise,
          });
      },
      () => undefined,
    );
  }, []);
  function save(event: FormEvent) {
    event.preventDefault();
    void run(
      () => api('/api/tutors/me', send('PUT', { ...profile, capacity: Number(profile.capacity) })),
      t('tutor.saved'),
    );
  }
  return (
    <details>
      <summary>{t('tutor.profile')}</summary>
      <form onSubmit={save}>
        <label>
          {t('tutor.name')}
          <input
            required
            value={profile.name}
            onChange={(e) => setProfile({ ...profile, name: e.target.value })}
          />
        </label>
        <label>
          {t('tutor.areaCode')}
          <input
            required
            value={profile.areaCode}
            onChange={(e) => setProfile({ ...profile, areaCode: e.target.value })}
            placeholder="31.75.01"
          />
        </label>
        <label>
          {t('tutor.capacity')}
          <input
            type="number"
            min={1}
            max={100}
            value={profile.capacity}
            onChange={(e) => setProfile({ ...profile, capacity: Number(e.target.value) })}
          />
        </label>
        <fieldset>
          <legend>{t('tutor.expertise')}</legend>
          {TUTOR_EXPERTISE.map((e) => (
            <label key={e} className="tick">
              <input
                type="checkbox"
                checked={profile.expertise.includes(e)}
                onChange={(ev) =>
                  setProfile({
                    ...profile,
                    expertise: ev.target.checked
                      ? [...profile.expertise, e]
                      : profile.expertise.filter((x) => x !== e),
                  })
                }
              />
              {t(`expertise.${e}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('tutor.bio')}
          <textarea
            value={profile.bio}
            onChange={(e) => setProfile({ ...profile, bio: e.target.value })}
          />
        </label>
        <button type="submit">{t('kpm.submit')}</button>
      </form>
      {message && <p role="status">{message}</p>}
    </details>
  );
}

/** One mentee's plan: goals, progress, the session log, and forms to add to it or close it. */
export function MentoringPlanCard({
  plan,
  onChanged,
}: {
  plan: MentoringPlanView;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [entry, setEntry] = useState({ on: today, did: '', progress: plan.progress, nextStep: '' });
  const { message, run } = useApiAction(onChanged);
  const post = (path: string, body: object) => run(() => api(path, send('POST', body)));
  return (
    <article className="card" aria-label={plan.headName}>
      <h4>
        {plan.headName} · {plan.tutorName} · {t(`tutor.statuses.${plan.status}`)}
        {plan.outcome && ` (${t(`tutor.outcomes.${plan.outcome}`)})`}
      </h4>
      <p>
        {t('tutor.goals')}: {plan.goals.join('; ')}
      </p>
      <progress max={100} value={plan.progress} /> {plan.progress}%
      <ol>
        {plan.logs.map((log) => (
          <li key={log.id}>
            {log.on}: {log.did} → {log.nextStep} ({log.progress}%)
          </li>
        ))}
      </ol>
      {plan.status === 'active' && (
        <>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void post(`/api/mentoring/${plan.id}/logs`, {
                ...entry,
                progress: Number(entry.progress),
              });
            }}
          >
            <label>
              {t('tutor.on')}
              <input
                type="date"
                value={entry.on}
                onChange={(e) => setEntry({ ...entry, on: e.target.value })}
              />
            </label>
            <label>
              {t('tutor.did')}
              <input
                required
                value={entry.did}
                onChange={(e) => setEntry({ ...entry, did: e.target.value })}
              />
            </label>
            <label>
              {t('tutor.progress')}
              <input
                type="number"
                min={0}
                max={100}
                value={entry.progress}
                onChange={(e) => setEntry({ ...entry, progress: Number(e.target.value) })}
              />
            </label>
            <label>
              {t('tutor.nextStep')}
              <input
                required
                value={entry.nextStep}
                onChange={(e) => setEntry({ ...entry, nextStep: e.target.value })}
              />
            </label>
            <button type="submit">{t('tutor.addLog')}</button>
          </form>
          <button
            type="button"
            onClick={() => post(`/api/mentoring/${plan.id}/completion`, { outcome: 'achieved' })}
          >
            {t('tutor.completeAchieved')}
          </button>{' '}
          <button
            type="button"
            onClick={() => post(`/api/mentoring/${plan.id}/completion`, { outcome: 'stopped' })}
          >
            {t('tutor.stop')}
          </button>
        </>
      )}
      {message && <p role="alert">{message}</p>}
    </article>
  );
}
