import { Manifest, manifestId } from '../../manifest/manifest';
import { CheckReport } from '../../policy/report';
import { RenderedApp } from '../../pipeline/render-fleet';
import { EnvironmentCapacityReport, fleetCapacity } from '../fleet-capacity';
import { ServiceGraph, serviceGraph } from '../graph/service-graph';
import { AppConformance, appConformance } from './conformance';

/** One app in one environment: what it renders to and where its operators look. */
export interface AppInEnvironment {
  readonly environment: string;
  /** The service-graph nodes of its workloads (`namespace/name`), so a click on a node finds the app. */
  readonly nodes: readonly string[];
  /** `Deployment shop/storefront`, in the order the app renders them. */
  readonly objects: readonly string[];
  readonly hosts: readonly string[];
  readonly dashboard?: { readonly title: string; readonly url: string };
  /** The runbook of each alert the app can raise, by alert. */
  readonly runbooks: readonly { readonly alert: string; readonly url: string }[];
  /** `storefront-availability 99.9%`. */
  readonly slos: readonly string[];
}

export interface AppReport {
  /** `team/name` */
  readonly id: string;
  readonly name: string;
  readonly team: string;
  readonly kind: string;
  readonly description?: string;
  readonly source: string;
  /** The Backstage owner the catalog gives the app. */
  readonly owner: string;
  readonly environments: readonly AppInEnvironment[];
  readonly conformance: AppConformance;
}

export interface EnvironmentReport {
  readonly name: string;
  readonly production: boolean;
  readonly graph: ServiceGraph;
  readonly capacity: EnvironmentCapacityReport;
}

/** Everything `platform report` shows, as data (what `--format json` writes). */
export interface FleetReport {
  /** The day waivers are measured against, 'YYYY-MM-DD' (UTC): the report's only date. */
  readonly date: string;
  readonly environments: readonly EnvironmentReport[];
  /** Sorted by id. */
  readonly apps: readonly AppReport[];
  readonly policy: CheckReport;
}

export interface FleetReportInput {
  readonly environments: readonly { readonly name: string; readonly production: boolean }[];
  readonly rendered: readonly RenderedApp[];
  /** The platform's own objects per environment (namespaces, quotas), as `platform check` checks them. */
  readonly platform: readonly { readonly environment: string; readonly manifests: readonly Manifest[] }[];
  readonly policy: CheckReport;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** The fleet report from a rendered and checked fleet: graphs and capacity per environment, apps with their conformance. */
export function buildFleetReport(input: FleetReportInput): FleetReport {
  const { rendered, policy } = input;
  const manifestsOf = (env: string) => [
    ...rendered.filter((r) => r.app.environment === env).flatMap((r) => r.manifests),
    ...input.platform.filter((p) => p.environment === env).flatMap((p) => p.manifests),
  ];
  const capacity = fleetCapacity(
    input.environments.map((e) => ({ name: e.name, manifests: rendered.filter((r) => r.app.environment === e.name).flatMap((r) => r.manifests) })),
  );
  const environments = input.environments.map((e, i) => ({
    name: e.name,
    production: e.production,
    graph: serviceGraph(e.name, manifestsOf(e.name)),
    capacity: capacity[i],
  }));

  const bySource = new Map<string, RenderedApp[]>();
  for (const r of rendered) bySource.set(r.app.source, [...(bySource.get(r.app.source) ?? []), r]);
  const apps = [...bySource.values()].map((copies): AppReport => {
    const app = copies[0].app;
    return {
      id: `${app.team}/${app.name}`,
      name: app.name,
      team: app.team,
      kind: app.kind,
      ...(app.description ? { description: app.description } : {}),
      source: app.source,
      owner: `group:default/${app.team}`,
      environments: copies.map(inEnvironment),
      conformance: appConformance(copies, policy),
    };
  });
  return { date: policy.date, environments, apps: apps.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), policy };
}

function inEnvironment({ app, manifests }: RenderedApp): AppInEnvironment {
  const monitoring = app.monitoring;
  return {
    environment: app.environment,
    nodes: manifests.filter((m) => WORKLOAD_KINDS.has(m.kind)).map((m) => `${m.metadata.namespace ?? 'default'}/${m.metadata.name}`),
    objects: manifests.map(manifestId),
    hosts: app.exposure ? [app.exposure.host] : [],
    ...(monitoring ? { dashboard: { title: monitoring.dashboard.title, url: monitoring.dashboard.url } } : {}),
    runbooks: Object.entries(monitoring?.runbooks ?? {})
      .map(([alert, url]) => ({ alert, url: url ?? '' }))
      .sort((a, b) => (a.alert < b.alert ? -1 : 1)),
    slos: (monitoring?.slos ?? []).map((s) => `${s.name} ${s.objectivePercent}%`),
  };
}
