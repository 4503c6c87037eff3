import { escapeXml as xml } from '../graph/escape-xml';

/** One bar: a value that may range from min to max (autoscaling), and an optional ceiling (the limits). */
export interface BarRow {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Drawn as a marker past the bar. @default - none */
  readonly ceiling?: number;
}

const WIDTH = 560;
const LABEL_WIDTH = 120;
const VALUE_WIDTH = 110;
const ROW = 28;

/**
 * A horizontal bar chart as inline SVG: the solid part is the minimum, the light part up to the
 * maximum, a dark tick the ceiling. Each bar is a `rect.bar` (tests and pages count them).
 */
export function barChart(title: string, unit: string, rows: readonly BarRow[]): string {
  const top = Math.max(...rows.flatMap((r) => [r.max, r.ceiling ?? 0]), 0);
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (v: number) => round(LABEL_WIDTH + (top === 0 ? 0 : (v / top) * span));
  const height = 30 + rows.length * ROW;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${xml(title)}" font-family="sans-serif" font-size="12">`,
    `<text x="0" y="16" font-weight="bold">${xml(title)}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = 26 + i * ROW;
    const value = r.min === r.max ? `${num(r.min)}` : `${num(r.min)}..${num(r.max)}`;
    out.push(
      `<g class="bar-row"><text x="0" y="${y + 15}">${xml(r.label)}</text>`,
      `<rect class="bar" x="${LABEL_WIDTH}" y="${y + 3}" width="${round(x(r.min) - LABEL_WIDTH)}" height="16" fill="#0969da"><title>${xml(`${r.label}: ${value} ${unit}`)}</title></rect>`,
      r.max > r.min ? `<rect class="bar-range" x="${x(r.min)}" y="${y + 3}" width="${round(x(r.max) - x(r.min))}" height="16" fill="#9ec5fe"/>` : '',
      r.ceiling !== undefined && r.ceiling > 0
        ? `<line class="bar-ceiling" x1="${x(r.ceiling)}" x2="${x(r.ceiling)}" y1="${y}" y2="${y + 22}" stroke="#cf222e" stroke-width="2"/>`
        : '',
      `<text x="${WIDTH - VALUE_WIDTH + 8}" y="${y + 15}">${xml(`${value} ${unit}`)}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.filter(Boolean).join('\n');
}

function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
