import { useTranslation } from 'react-i18next';
import type { Readiness } from '@jembatan/contracts';

/** The readiness score and every factor behind it: met or not, its weight, what was observed. */
export function ReadinessPanel({
  readiness,
  compact = false,
}: {
  readiness: Readiness;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const factors = compact
    ? readiness.factors.filter((f) => !f.met && f.kind === 'essential')
    : readiness.factors;
  return (
    <div className="readiness">
      <p>
        <strong data-testid="readiness-score">{readiness.score}</strong>/100 ·{' '}
        {readiness.ready
          ? t('readiness.ready')
          : readiness.essentialsMet
            ? t('readiness.belowScore', { score: readiness.readyScore })
            : t('readiness.essentialsMissing')}{' '}
        <small>({t('readiness.criteriaOf', { region: readiness.criteriaRegion })})</small>
      </p>
      <meter min={0} max={100} value={readiness.score} low={readiness.readyScore} optimum={100} />
      {!compact && <FactorBar factors={readiness.factors} />}
      {factors.length > 0 && (
        <table>
          {!compact && (
            <thead>
              <tr>
                <th>{t('readiness.criterion')}</th>
                <th>{t('readiness.weight')}</th>
                <th>{t('readiness.observed')}</th>
              </tr>
            </thead>
          )}
          <tbody>
            {factors.map((factor) => (
              <tr key={factor.key} className={factor.met ? 'met' : 'unmet'}>
                <td>
                  {factor.met ? '✓' : '✗'} {t(`criteria.${factor.key}`)}
                  {factor.kind === 'essential' && <em> · {t('readiness.essential')}</em>}
                  {factor.evidence === 'verified' && <em> · {t('readiness.verifiedOnly')}</em>}
                </td>
                {!compact && <td>{factor.weight}</td>}
                <td>
                  {t(`observations.${factor.detail.code}`, {
                    ...factor.detail.values,
                    instrument: factor.detail.values.instrument
                      ? t(`assessment.instruments.${factor.detail.values.instrument}`)
                      : '',
                    defaultValue: factor.observed,
                  })}
                  {factor.source && !compact && <small> ({factor.source})</small>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * Every criterion as a segment as wide as its weight: green when met, hatched when not, so
 * what holds a family back reads at a glance. The table below says the same in words.
 */
function FactorBar({ factors }: { factors: Readiness['factors'] }) {
  const { t } = useTranslation();
  const total = factors.reduce((sum, f) => sum + f.weight, 0);
  if (total === 0) return null;
  const met = factors.filter((f) => f.met).reduce((sum, f) => sum + f.weight, 0);
  return (
    <div className="factor-bar" role="img" aria-label={t('readiness.bar', { met, total })}>
      {factors.map((f) => (
        <span
          key={f.key}
          className={f.met ? 'met' : 'unmet'}
          style={{ width: `${(100 * f.weight) / total}%` }}
          title={`${t(`criteria.${f.key}`)} · ${f.weight}`}
        />
      ))}
    </div>
  );
}
