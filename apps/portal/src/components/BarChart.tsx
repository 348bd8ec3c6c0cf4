/** One horizontal bar group per row, a bar per series, scaled to the largest value (or `max`). */
export function BarChart({
  title,
  rows,
  series,
  max,
}: {
  title: string;
  rows: { label: string; values: (number | null)[] }[];
  series: { name: string; colour: string }[];
  max?: number;
}) {
  const barHeight = 10;
  const rowHeight = barHeight * series.length + 8;
  const labelWidth = 150;
  const width = 460;
  const top = Math.max(1, max ?? Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v ?? 0))));
  const scale = (v: number) => ((width - labelWidth - 40) * v) / top;
  const height = rows.length * rowHeight + 4;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
        width={width}
        height={height}
      >
        {rows.map((row, r) => (
          <g key={row.label} transform={`translate(0 ${r * rowHeight + 2})`}>
            <text x={labelWidth - 6} y={rowHeight / 2 + 3} fontSize="10" textAnchor="end">
              {row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label}
            </text>
            {row.values.map((v, s) => (
              <g key={series[s]!.name}>
                <title>{`${row.label} · ${series[s]!.name}: ${v ?? '-'}`}</title>
                <rect
                  x={labelWidth}
                  y={s * barHeight + 2}
                  width={scale(v ?? 0)}
                  height={barHeight - 2}
                  fill={series[s]!.colour}
                />
                <text
                  x={labelWidth + scale(v ?? 0) + 3}
                  y={s * barHeight + barHeight - 1}
                  fontSize="9"
                >
                  {v ?? '-'}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        {title}:{' '}
        {series.map((s) => (
          // The colour is a swatch beside the name: light bar colours are too faint for text.
          <span key={s.name} className="legend-item">
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
