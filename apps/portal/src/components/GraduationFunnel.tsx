import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES } from '@jembatan/contracts/pure';
import type { RegionStats } from '@jembatan/contracts';
import { api } from '../api/client';
import { count } from '../lib/format';
import { send, useApiAction } from '../lib/use-api-action';
import { BarChart } from './BarChart';

/**
 * The graduation funnel of a region: families at each stage, from active to graduated, and
 * self-reliant graduations against the year's target, so the Dinas sees where families stall.
 */
export function GraduationFunnel({
  region,
  year,
  canSetTarget,
  onTargetSet,
}: {
  region: RegionStats;
  year: number;
  /** The Dinas (and admins) set a region's yearly target. */
  canSetTarget: boolean;
  onTargetSet: () => void;
}) {
  const { t } = useTranslation();
  const { target, selfReliant, selfReliantProgress } = region.graduations;
  return (
    <section aria-label={t('funnel.title')}>
      <h3>{t('funnel.title')}</h3>
      <BarChart
        title={t('funnel.chart', { region: region.name })}
        rows={STAGES.map((stage) => ({
          label: t(`stages.${stage}`),
          values: [region.stages[stage] ?? 0],
        }))}
        series={[{ name: t('funnel.families'), colour: '#0b5cad' }]}
      />
      {target ? (
        <p>
          {t('funnel.target', {
            done: count(selfReliant),
            target: count(target.selfReliant),
            progress: selfReliantProgress ?? 0,
          })}{' '}
          <meter
            aria-label={t('funnel.title')}
            min={0}
            max={100}
            value={Math.min(100, selfReliantProgress ?? 0)}
            low={50}
            high={90}
            optimum={100}
          />
        </p>
      ) : (
        <p className="empty">{t(canSetTarget ? 'funnel.setOne' : 'funnel.noTarget')}</p>
      )}
      {canSetTarget && region.code && (
        <TargetForm regionCode={region.code} year={year} current={target} onSet={onTargetSet} />
      )}
    </section>
  );
}

/** The Dinas sets (or changes) the region's graduation target for the year. */
function TargetForm({
  regionCode,
  year,
  current,
  onSet,
}: {
  regionCode: string;
  year: number;
  current: { selfReliant: number; total: number } | null;
  onSet: () => void;
}) {
  const { t } = useTranslation();
  const [selfReliant, setSelfReliant] = useState(String(current?.selfReliant ?? ''));
  const [total, setTotal] = useState(String(current?.total ?? ''));
  const { message, run } = useApiAction(onSet);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () =>
        api(
          `/api/regions/${regionCode}/graduation-target`,
          send('PUT', { year, selfReliant: Number(selfReliant), total: Number(total) }),
        ),
      t('funnel.saved'),
    );
  };
  return (
    <form aria-label={t('funnel.setTarget', { year })} onSubmit={submit} className="inline-form">
      <label>
        {t('funnel.selfReliantTarget')}
        <input
          type="number"
          min={0}
          required
          value={selfReliant}
          onChange={(e) => setSelfReliant(e.target.value)}
        />
      </label>
      <label>
        {t('funnel.totalTarget')}
        <input
          type="number"
          min={0}
          required
          value={total}
          onChange={(e) => setTotal(e.target.value)}
        />
      </label>
      <button type="submit">{t('funnel.setTarget', { year })}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
