import { RISK_FAMILIES, RiskFamily, RiskFlag } from './risk/risk-flag';

/** Flags that say the same thing, as one line: several objects of an app, or several environments. */
export interface RiskLine {
  readonly environments: readonly string[];
  readonly app?: string;
  readonly objects: readonly string[];
  readonly message: string;
  readonly details: readonly string[];
  readonly rule: string;
}

export interface RiskSection {
  readonly family: RiskFamily;
  readonly title: string;
  readonly lines: readonly RiskLine[];
}

/**
 * The flags by family (in RISK_FAMILIES order). Flags of one rule, environment, app and message
 * are one line listing their objects (an app removed from an environment is one deletion line,
 * not ten); lines that then read the same in several environments become one line naming them.
 */
export function groupRisks(flags: readonly RiskFlag[]): RiskSection[] {
  return RISK_FAMILIES.map(({ family, title }) => {
    const perEnvironment = new Map<string, { environment: string; app?: string; objects: string[]; message: string; details: string[]; rule: string }>();
    for (const f of flags.filter((x) => x.family === family)) {
      const key = JSON.stringify([f.rule, f.environment, f.app ?? '', f.message]);
      const line = perEnvironment.get(key) ?? {
        environment: f.environment,
        ...(f.app !== undefined ? { app: f.app } : {}),
        objects: [],
        message: f.message,
        details: [],
        rule: f.rule,
      };
      if (f.object && !line.objects.includes(f.object)) line.objects.push(f.object);
      line.details.push(...(f.details ?? []));
      perEnvironment.set(key, line);
    }
    const lines = new Map<string, RiskLine & { environments: string[] }>();
    for (const { environment, ...line } of perEnvironment.values()) {
      const key = JSON.stringify([line.rule, line.app ?? '', line.message, line.objects, line.details]);
      const existing = lines.get(key);
      if (existing) existing.environments.push(environment);
      else lines.set(key, { ...line, environments: [environment] });
    }
    return { family, title, lines: [...lines.values()] };
  }).filter((s) => s.lines.length > 0);
}
