import { useTranslation } from 'react-i18next';
import { day, rupiah } from '../lib/format';

export interface TrendPoint {
  date: string;
  revenue: number;
  costs: number;
}

/** Monthly revenue and costs from the business assessments, oldest first, as a small line chart. */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const { t } = useTranslation();
  if (points.length === 0) return <p>{t('profile.noBusiness')}</p>;
  const width = 320;
  const height = 120;
  const max = Math.max(1, ...points.flatMap((p) => [p.revenue, p.costs]));
  const x = (i: number) =>
    points.length === 1 ? width / 2 : 10 + (i * (width - 20)) / (points.length - 1);
  const y = (value: number) => height - 10 - (value / max) * (height - 20);
  const line = (pick: (p: TrendPoint) => number) =>
    points.map((p, i) => `${x(i)},${y(pick(p))}`).join(' ');
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('profile.businessTrend')}
        width={width}
        height={height}
      >
        <polyline points={line((p) => p.revenue)} fill="none" stroke="#0b5cad" strokeWidth="2" />
        <polyline
          points={line((p) => p.costs)}
          fill="none"
          stroke="#a4000f"
          strokeWidth="2"
          strokeDasharray="4"
        />
        {points.map((p, i) => (
          <circle key={p.date} cx={x(i)} cy={y(p.revenue)} r="3" fill="#0b5cad" />
        ))}
      </svg>
      <figcaption>
        {t('profile.trendLegend')}:{' '}
        {points.map((p) => `${day(p.date)} ${rupiah(p.revenue)}`).join(' · ')}
      </figcaption>
    </figure>
  );
}
