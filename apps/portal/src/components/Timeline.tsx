import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { dateTime } from '../lib/format';

export interface TimelineStep {
  at: string;
  to: string;
  actorRole: string;
  reason: string | null;
}

/**
 * A record's history behind a toggle: fetched from `path` (whose answer has a `history`) when
 * first opened, shown oldest first: when, to what (`label`), by which role, and why.
 */
export function HistoryToggle({
  path,
  label,
}: {
  path: string;
  label: (status: string) => string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [steps, setSteps] = useState<TimelineStep[] | null>(null);
  useEffect(() => {
    if (!open || steps !== null) return;
    api<{ history: TimelineStep[] }>(path).then(
      (r) => setSteps(r.history),
      () => setSteps([]),
    );
  }, [open, path, steps]);
  return (
    <>
      <button type="button" className="link" onClick={() => setOpen(!open)}>
        {t(open ? 'timeline.hide' : 'timeline.show')}
      </button>
      {open &&
        (steps === null ? (
          <p>{t('app.loading')}</p>
        ) : (
          <ol className="timeline" aria-label={t('timeline.title')}>
            {steps.map((step) => (
              <li key={`${step.at}-${step.to}`}>
                <time dateTime={step.at}>{dateTime(step.at)}</time> ·{' '}
                <strong>{label(step.to)}</strong> · {t(`roles.${step.actorRole}`)}
                {step.reason && ` · ${step.reason}`}
              </li>
            ))}
          </ol>
        ))}
    </>
  );
}
