import { PromqlParser, withGrafanaIntervals } from './promql';

/** A PromQL expression in a manifest that does not parse. */
export interface PromqlProblem {
  /** The expression as written in the manifest. */
  readonly expression: string;
  readonly message: string;
  /** 0-based character offset of the error in `expression`. */
  readonly position: number;
  /** Where the expression is, e.g. `spec.groups[0].rules[3].expr` or `data["shop_checkout.json"].panels[id=2].targets[A].expr`. */
  readonly location: string;
}

/** Any synthesized object; only PrometheusRules and ConfigMaps holding Grafana dashboards are read. */
export interface ManifestLike {
  readonly kind?: unknown;
  readonly [key: string]: unknown;
}

/**
 * Every PromQL expression in a PrometheusRule (each rule's `expr`) or in a Grafana dashboard
 * ConfigMap (each panel target's `expr`, in rows too) that does not parse, with the reason and the
 * position. A pure function of one object, for the policy pack and tests. Dashboard expressions
 * may use Grafana's `$__rate_interval`, `$__interval` and `$__range`. A check run passes its own
 * `parser`, so an expression repeated across the fleet is parsed once per run.
 */
export function promqlProblems(manifest: ManifestLike, parser: PromqlParser = new PromqlParser()): PromqlProblem[] {
  return promqlExpressions(manifest, parser).flatMap(({ expression, location, grafana }) =>
    parser
      .syntaxErrors(grafana ? withGrafanaIntervals(expression) : expression)
      .map((e) => ({ expression, message: e.message, position: e.position, location })),
  );
}

interface Expression {
  readonly expression: string;
  readonly location: string;
  readonly grafana: boolean;
}

/** Every PromQL expression in the object and where it is; `parser` reads each distinct dashboard once. */
export function promqlExpressions(manifest: ManifestLike, parser: PromqlParser = new PromqlParser()): Expression[] {
  const out: Expression[] = [];
  if (manifest.kind === 'PrometheusRule') {
    const groups = asArray(asRecord(manifest.spec)?.groups);
    groups.forEach((group, g) => {
      asArray(asRecord(group)?.rules).forEach((rule, r) => {
        const expr = asRecord(rule)?.expr;
        if (typeof expr === 'string') out.push({ expression: expr, location: `spec.groups[${g}].rules[${r}].expr`, grafana: false });
      });
    });
  }
  if (manifest.kind === 'ConfigMap') {
    for (const [key, value] of Object.entries(asRecord(manifest.data) ?? {})) {
      // Only a JSON object can be a dashboard: a config value is not parsed (nor its JSON.parse error thrown).
      if (typeof value !== 'string' || !/^\s*\{/.test(value)) continue;
      const at = `data[${JSON.stringify(key)}]`;
      for (const e of parser.dashboard(value, dashboardExpressions)) out.push({ ...e, location: at + e.location });
    }
  }
  return out;
}

/** A dashboard's expressions, located from its root (`.panels[id=2].targets[A].expr`); none when the text is not a dashboard. */
function dashboardExpressions(json: string): Expression[] {
  const out: Expression[] = [];
  const dashboard = parseJson(json);
  if (dashboard && Array.isArray(dashboard.panels)) collectPanels(dashboard.panels, '', out);
  return out;
}

function collectPanels(panels: readonly unknown[], at: string, out: Expression[]): void {
  for (const item of panels) {
    const panel = asRecord(item);
    if (!panel) continue;
    const where = `${at}.panels[id=${String(panel.id)}]`;
    asArray(panel.targets).forEach((target, i) => {
      const t = asRecord(target);
      if (typeof t?.expr === 'string') out.push({ expression: t.expr, location: `${where}.targets[${refIdOf(t.refId, i)}].expr`, grafana: true });
    });
    collectPanels(asArray(panel.panels), where, out);
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** A panel target's refId as written ('A', 'B', ...), or its index when it has none. */
function refIdOf(refId: unknown, index: number): string {
  return typeof refId === 'string' || typeof refId === 'number' ? String(refId) : String(index);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
