import { Customization } from '../../model/customize';
import { RenderedApp } from '../../pipeline/render-fleet';

/** How far one app is off the golden path in one environment. */
export interface GoldenPathDistance {
  readonly environment: string;
  /** Fields changed plus objects added or removed by the app's escape hatches; 0 is on the golden path. */
  readonly distance: number;
  readonly fields: number;
  readonly objects: number;
}

/** One app's standing, as `platform check` reports it (and prints with `--json` under `goldenPath`). */
export interface GoldenPathEntry {
  /** `team/name` */
  readonly app: string;
  readonly source: string;
  readonly onGoldenPath: boolean;
  /** The data class of an app on the hardened path; absent on the standard path. */
  readonly hardened?: string;
  /** Only environments where the app is off the golden path. */
  readonly offIn: readonly GoldenPathDistance[];
  /** Why the app has no probes, when it declared `Health.none({ reason })` (on the path, but worth a reviewer's look). */
  readonly noHealthEndpoint?: string;
}

/**
 * Per app: on the golden path, or how far off it in each environment, so the platform team sees
 * which needs the golden path does not cover yet. In the order the fleet was rendered.
 */
export function goldenPathEntries(rendered: readonly RenderedApp[], only?: string): GoldenPathEntry[] {
  const entries = new Map<string, { app: string; source: string; hardened?: string; offIn: GoldenPathDistance[]; noHealthEndpoint?: string }>();
  for (const { app, customization } of rendered) {
    if (only !== undefined && app.environment !== only) continue;
    const entry = entries.get(app.source) ?? {
      app: `${app.team}/${app.name}`,
      source: app.source,
      ...(app.hardening ? { hardened: app.hardening.dataClass } : {}),
      offIn: [],
      ...(app.noHealthEndpoint !== undefined ? { noHealthEndpoint: app.noHealthEndpoint } : {}),
    };
    entries.set(app.source, entry);
    if (customization && customization.distance > 0)
      entry.offIn.push({ environment: app.environment, distance: customization.distance, ...counts(customization) });
  }
  return [...entries.values()].map((e) => ({ ...e, onGoldenPath: e.offIn.length === 0 }));
}

export function formatGoldenPath(entries: readonly GoldenPathEntry[]): string {
  const on = entries.filter((e) => e.onGoldenPath);
  const lines = ['Golden path', `  on it: ${on.length === 0 ? 'none' : on.map((e) => e.app).join(', ')}`];
  const hardened = entries.filter((e) => e.hardened !== undefined);
  if (hardened.length > 0) lines.push(`  hardened: ${hardened.map((e) => `${e.app} (${e.hardened})`).join(', ')}`);
  for (const e of entries.filter((x) => !x.onGoldenPath)) {
    const where = e.offIn.map((d) => `${d.environment} ${[plural(d.fields, 'field'), plural(d.objects, 'object')].filter(Boolean).join(' and ')}`);
    lines.push(`  off it: ${e.app} (${e.source}), through its escape hatch: ${where.join(', ')}`);
  }
  for (const e of entries) if (e.noHealthEndpoint !== undefined) lines.push(`  no health endpoint: ${e.app}: ${e.noHealthEndpoint}`);
  return lines.join('\n') + '\n';
}

function counts(c: Customization): { fields: number; objects: number } {
  const fields = c.objects.reduce((n, o) => n + o.fields.length, 0);
  return { fields, objects: c.objects.filter((o) => o.change !== 'changed').length };
}

function plural(n: number, noun: string): string {
  return n === 0 ? '' : `${n} ${noun}${n === 1 ? '' : 's'}`;
}
