import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '@jembatan/contracts';
import { api } from '../api/client';
import { send, useApiAction } from '../lib/use-api-action';
import { useItems } from '../lib/use-items';

/** Open alerts of the region, each acknowledged with a note (what was found, what was done). */
export function AlertsPanel({ regionCode }: { regionCode: string | null }) {
  const { t } = useTranslation();
  const [reload, setReload] = useState(0);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const alerts = useItems<AlertView>(
    `/api/alerts${regionCode ? `?regionCode=${regionCode}` : ''}`,
    reload,
  );
  const { message, run } = useApiAction(() => setReload((n) => n + 1));
  if (alerts.length === 0 && !message) return null;
  return (
    <section aria-label={t('alerts.title')}>
      <h3>{t('alerts.title')}</h3>
      <ul>
        {alerts.map((a) => (
          <li key={a.id}>
            <strong>{a.assistantName ?? a.assistantId}</strong>:{' '}
            {t(`alertRules.${a.rule}`, {
              days: ((a.detail.days as string[] | undefined) ?? []).join(', '),
              families: a.detail.families,
              threshold: a.detail.threshold,
              years: a.detail.years,
            })}{' '}
            <input
              aria-label={t('alerts.note')}
              placeholder={t('alerts.note')}
              value={notes[a.id] ?? ''}
              onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })}
            />
            <button
              type="button"
              onClick={() =>
                run(
                  () =>
                    api(
                      `/api/alerts/${a.id}/acknowledge`,
                      send('POST', { note: notes[a.id] ?? '' }),
                    ),
                  t('alerts.acknowledged'),
                )
              }
            >
              {t('alerts.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
    </section>
  );
}
