import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerImpact } from '@jembatan/contracts';
import { api, download } from '../../api/client';
import { useApiAction } from '../../lib/use-api-action';

/** The partner's own impact: families reached and what happened next, with a CSV download. */
export function ImpactSummary() {
  const { t } = useTranslation();
  const [impact, setImpact] = useState<PartnerImpact | null>(null);
  const { message, run } = useApiAction();
  useEffect(() => {
    api<PartnerImpact>('/api/partners/me/impact').then(setImpact, () => setImpact(null));
  }, []);
  if (!impact) return null;
  const totals = impact.totals;
  return (
    <section aria-labelledby="impact-title">
      <h3 id="impact-title">{t('impact.title')}</h3>
      <dl className="figures">
        {(
          [
            'referrals',
            'familiesReached',
            'accepted',
            'completed',
            'trained',
            'funded',
            'repaid',
            'graduatedSelfReliant',
          ] as const
        ).map((key) => (
          <div key={key}>
            <dt>{t(`impact.${key}`)}</dt>
            <dd>{totals[key]}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        onClick={() =>
          void run(() =>
            download('/api/partners/me/impact/export', `dampak-${impact.partner.name}.csv`),
          )
        }
      >
        {t('impact.download')}
      </button>
      {message && <p role="alert">{message}</p>}
    </section>
  );
}
