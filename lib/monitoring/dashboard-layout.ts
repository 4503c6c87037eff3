/** A Grafana panel as plain JSON; `id` and `gridPos` are assigned by the layout. */
export type Panel = Record<string, unknown>;

/** Grafana's grid is 24 columns wide. */
const GRID_WIDTH = 24;

/**
 * Lays panels out left to right in rows under row headers, numbering them in order: the same
 * panels always get the same ids and positions, so the dashboard JSON is stable across runs.
 */
export class DashboardLayout {
  private readonly panels: Panel[] = [];
  private nextId = 1;
  private y = 0;
  private x = 0;
  private rowHeight = 0;

  /** A row header; the panels added after it go under it. */
  row(title: string): void {
    this.newLine();
    this.panels.push({ id: this.nextId++, type: 'row', title, collapsed: false, gridPos: { h: 1, w: GRID_WIDTH, x: 0, y: this.y }, panels: [] });
    this.y += 1;
  }

  /** A panel `w` columns wide and `h` high, on the current line if it fits. */
  add(panel: Panel, w: number, h: number): void {
    if (this.x + w > GRID_WIDTH) this.newLine();
    this.panels.push({ ...panel, id: this.nextId++, gridPos: { h, w, x: this.x, y: this.y } });
    this.x += w;
    this.rowHeight = Math.max(this.rowHeight, h);
  }

  get all(): readonly Panel[] {
    return this.panels;
  }

  private newLine(): void {
    this.y += this.rowHeight;
    this.x = 0;
    this.rowHeight = 0;
  }
}

/** JSON with every object's keys sorted, two-space indented: the same dashboard is the same bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
