import { CheckReport } from '../../policy/report';
import { RenderedApp } from '../../pipeline/render-fleet';

/** A waiver within this many days of its last day is highlighted as expiring. */
export const EXPIRING_WITHIN_DAYS = 30;

export interface WaiverView {
  readonly rule: string;
  /** @default - every environment */
  readonly environment?: string;
  /** `Deployment storefront`, or the kind alone. @default - every object of the app */
  readonly object?: string;
  readonly reason: string;
  readonly owner: string;
  /** Last day it applies, 'YYYY-MM-DD'. */
  readonly expires: string;
  /** Days from the report's date to `expires` (negative: expired). */
  readonly daysLeft: number;
  readonly state: 'active' | 'expiring' | 'expired';
  /** Findings it excused in the last check. */
  readonly findings: number;
}

/** How an app stands against the golden path, in the spirit of a portal scorecard. */
export interface AppConformance {
  /** No escape hatch changed anything and no rule is waived. */
  readonly onGoldenPath: boolean;
  /** Where its escape hatches (`customize`, `objects`) changed the golden-path output, and how much. */
  readonly customized: readonly { readonly environment: string; readonly fields: number; readonly objects: number }[];
  readonly waivers: readonly WaiverView[];
  /** It declares at least one SLO (in some environment). */
  readonly slosDeclared: boolean;
  /** Unwaived findings of the last check. */
  readonly findings: { readonly errors: number; readonly warnings: number };
}

/** One app's conformance from its rendered copies (one per environment) and the check's report. */
export function appConformance(copies: readonly RenderedApp[], policy: CheckReport): AppConformance {
  const source = copies[0].app.source;
  const customized = copies
    .filter((c) => (c.customization?.distance ?? 0) > 0)
    .map(({ app, customization }) => ({
      environment: app.environment,
      fields: customization!.objects.reduce((n, o) => n + o.fields.length, 0),
      objects: customization!.objects.filter((o) => o.change !== 'changed').length,
    }));
  const today = Date.parse(`${policy.date}T00:00:00Z`);
  const waivers = policy.waivers
    .filter((w) => w.declaredIn === source)
    .map((w): WaiverView => {
      const daysLeft = Math.round((Date.parse(`${w.expires}T00:00:00Z`) - today) / 86_400_000);
      return {
        rule: w.rule,
        ...(w.environment ? { environment: w.environment } : {}),
        ...(w.object ? { object: [w.object.kind, w.object.name].filter(Boolean).join(' ') } : {}),
        reason: w.reason,
        owner: w.owner,
        expires: w.expires,
        daysLeft,
        state: w.status === 'expired' || daysLeft < 0 ? 'expired' : daysLeft <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active',
        findings: w.findings,
      };
    });
  const open = policy.findings.filter((f) => f.source === source && !f.waivedBy);
  return {
    onGoldenPath: customized.length === 0 && waivers.length === 0,
    customized,
    waivers,
    slosDeclared: copies.some((c) => (c.app.monitoring?.slos.length ?? 0) > 0),
    findings: { errors: open.filter((f) => f.severity === 'error').length, warnings: open.filter((f) => f.severity === 'warning').length },
  };
}
