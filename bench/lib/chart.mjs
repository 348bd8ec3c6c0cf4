// Shared by the benchmarks that chart a run: plain SVG line charts, no dependencies.

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd'];
const escape = (text) => String(text).replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A round number at or above `value` for an axis' top (1, 2 or 5 times a power of ten). */
function niceTop(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= value);
}

/**
 * One panel: `series` of { name, points: [[x, y]] } over a shared x axis (seconds), with the
 * panel's title and y unit; `marks` are vertical lines ({ x, label }) such as a phase's end.
 */
function panel({ title, unit, series, marks = [] }, { width, height, top, xMax }) {
  const left = 60;
  const plotWidth = width - left - 20;
  const plotHeight = height - 60;
  const yMax = niceTop(Math.max(0, ...series.flatMap((s) => s.points.map(([, y]) => y ?? 0))));
  const x = (value) => left + (value / xMax) * plotWidth;
  const y = (value) => top + 30 + plotHeight - (value / yMax) * plotHeight;
  const parts = [
    `<text x="${left}" y="${top + 18}" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<line x1="${left}" y1="${y(0)}" x2="${left + plotWidth}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${left}" y1="${y(0)}" x2="${left}" y2="${y(yMax)}" stroke="#333"/>`,
    `<text x="${left - 6}" y="${y(yMax) + 4}" font-size="11" text-anchor="end">${yMax} ${escape(unit)}</text>`,
    `<text x="${left - 6}" y="${y(0) + 4}" font-size="11" text-anchor="end">0</text>`,
    `<text x="${left + plotWidth}" y="${y(0) + 16}" font-size="11" text-anchor="end">${Math.round(xMax)} s</text>`,
  ];
  for (const mark of marks)
    parts.push(
      `<line x1="${x(mark.x)}" y1="${y(0)}" x2="${x(mark.x)}" y2="${y(yMax)}" stroke="#999" stroke-dasharray="4 3"/>`,
      `<text x="${x(mark.x) + 4}" y="${y(yMax) + 12}" font-size="11" fill="#666">${escape(mark.label)}</text>`,
    );
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const points = s.points.filter(([, value]) => value !== null && value !== undefined);
    if (points.length > 0)
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points
          .map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`)
          .join(' ')}"/>`,
      );
    const lx = left + 10 + i * 170;
    parts.push(
      `<rect x="${lx}" y="${top + height - 22}" width="12" height="3" fill="${colour}"/>`,
      `<text x="${lx + 16}" y="${top + height - 17}" font-size="11">${escape(s.name)}</text>`,
    );
  });
  return parts.join('\n');
}

/** Panels stacked in one SVG document, sharing the x axis (seconds into the run). */
export function lineCharts(panels, { width = 900, panelHeight = 230 } = {}) {
  const xMax = Math.max(
    1,
    ...panels.flatMap((p) => p.series.flatMap((s) => s.points.map(([x]) => x))),
  );
  const body = panels
    .map((p, i) => panel(p, { width, height: panelHeight, top: i * panelHeight, xMax }))
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${panels.length * panelHeight}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${body}\n</svg>\n`;
}
