export interface LineSeries {
  name: string;
  points: Array<[x: number, y: number]>;
}

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  width?: number;
  height?: number;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** About `count` round tick values (1, 2, 2.5, 5 x 10^n steps) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (max <= min) max = min + 1;
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  if (ticks[ticks.length - 1]! < max)
    ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

const label = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

/**
 * A plain SVG line chart (no dependencies): axes with round ticks, one polyline and
 * point markers per series, a legend. For throughput over time now and scaling
 * curves (x = connections, patients, ...) in later cases. The y axis starts at 0
 * so ratios between lines read true.
 */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 360;
  const margin = { top: 40, right: 20, bottom: 70, left: 64 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const points = spec.series
    .flatMap((s) => s.points)
    .filter(([x, y]) => isFinite(x) && isFinite(y));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const xTicks = niceTicks(xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1);
  const yTicks = niceTicks(0, ys.length ? Math.max(...ys) : 1);
  const [x0, x1] = [xTicks[0]!, xTicks[xTicks.length - 1]!];
  const [y0, y1] = [yTicks[0]!, yTicks[yTicks.length - 1]!];
  const px = (x: number) => margin.left + ((x - x0) / (x1 - x0 || 1)) * plotW;
  const py = (y: number) => margin.top + plotH - ((y - y0) / (y1 - y0 || 1)) * plotH;
  const r = (n: number) => n.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(spec.title)}</text>`,
  ];
  for (const t of yTicks) {
    out.push(
      `<line x1="${margin.left}" y1="${r(py(t))}" x2="${margin.left + plotW}" y2="${r(py(t))}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 6}" y="${r(py(t) + 4)}" text-anchor="end">${label(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    out.push(
      `<line x1="${r(px(t))}" y1="${margin.top + plotH}" x2="${r(px(t))}" y2="${margin.top + plotH + 5}" stroke="#333333"/>`,
      `<text x="${r(px(t))}" y="${margin.top + plotH + 18}" text-anchor="middle">${label(t)}</text>`,
    );
  }
  out.push(
    `<polyline points="${margin.left},${margin.top} ${margin.left},${margin.top + plotH} ${margin.left + plotW},${margin.top + plotH}" fill="none" stroke="#333333"/>`,
    `<text x="${margin.left + plotW / 2}" y="${margin.top + plotH + 38}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`,
    `<text transform="translate(16 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  spec.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const valid = series.points.filter(([x, y]) => isFinite(x) && isFinite(y));
    const coords = valid.map(([x, y]) => `${r(px(x))},${r(py(y))}`);
    if (coords.length > 1)
      out.push(
        `<polyline points="${coords.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`,
      );
    for (const c of coords) {
      const [cx, cy] = c.split(',');
      out.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${colour}"/>`);
    }
    const lx = margin.left + 10 + i * Math.floor(plotW / Math.max(1, spec.series.length));
    const ly = height - 14;
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${lx + 17}" y="${ly + 1}">${escapeXml(series.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
