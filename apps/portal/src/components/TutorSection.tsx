import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchReason, MentoringPlanView } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';
import { MentoringPlanCard } from '../pages/TutorPage';

interface Match {
  tutorId: string;
  name: string;
  score: number;
  reasons: MatchReason[];
}

/** On a family's profile: its mentoring plans, and tutors proposed for it with the reasons. */
export function TutorSection({ kpmId, canManage }: { kpmId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const [plans, setPlans] = useState<MentoringPlanView[]>([]);
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [note, setNote] = useState<MatchReason | null>(null);
  const [goals, setGoals] = useState('');
  const [consent, setConsent] = useState(false);
  const [reload, setReload] = useState(0);
  const { message, run } = useApiAction();

  useEffect(() => {
    api<{ items: MentoringPlanView[] }>(`/api/mentoring?kpmId=${kpmId}`).then(
      (r) => setPlans(r.items),
      () => setPlans([]),
    );
  }, [kpmId, reload]);

  async function find() {
    const result = await run(() =>
      api<{ families: { tutors: Match[]; note: MatchReason | null }[] }>(
        '/api/tutors/matches',
        send('POST', { kpmIds: [kpmId] }),
      ),
    );
    if (!result) return;
    setMatches(result.families[0]?.tutors ?? []);
    setNote(result.families[0]?.note ?? null);
  }

  async function start(tutorId: string) {
    const lines = goals
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean);
    const plan = await run(
      () => api('/api/mentoring', send('POST', { tutorId, kpmId, goals: lines, consent }, true)),
      t('tutor.started'),
    );
    if (plan === undefined) return;
    setMatches(null);
    setReload((n) => n + 1);
  }

  return (
    <section>
      <h3>{t('tutor.section')}</h3>
      {plans.map((plan) => (
        <MentoringPlanCard key={plan.id} plan={plan} onChanged={() => setReload((n) => n + 1)} />
      ))}
      {canManage && (
        <>
          <button type="button" onClick={find}>
            {t('tutor.find')}
          </button>
          {note && <p>{t(`matchReasons.${note.code}`, { values: note.values.join(', ') })}</p>}
          {matches && matches.length === 0 && !note && <p>{t('tutor.noMatch')}</p>}
          {matches && matches.length > 0 && (
            <>
              <label>
                {t('tutor.goalsInput')}
                <textarea value={goals} onChange={(e) => setGoals(e.target.value)} rows={3} />
              </label>
              <label className="tick">
                <input
                  type="checkbox"
                  checked={consent}
                  onChange={(e) => setConsent(e.target.checked)}
                />
                {t('tutor.consent')}
              </label>
              <ul>
                {matches.map((m) => (
                  <li key={m.tutorId}>
                    <strong>{m.name}</strong> ({m.score}):{' '}
                    {m.reasons
                      .map((r) => t(`matchReasons.${r.code}`, { values: r.values.join(', ') }))
                      .join('; ')}{' '}
                    <button type="button" onClick={() => start(m.tutorId)}>
                      {t('tutor.choose')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
