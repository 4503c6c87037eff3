import * as sampleProject from '../apps/environments';
import { AppDefinition, AppKind, AppOverride, goldenPath, Health, HealthCheck, Peer, Replicas, Resources, Volume } from '../lib';
import { Environment, GitOpsSettings } from '../lib/api/platform';
import { SourcedApp } from '../lib/model/app-definition';
import { SloProps } from '../lib/model/slo';
import { Rng } from './rng';

/**
 * A deterministic synthetic fleet for the benchmark: the shape of a large platform repository
 * (many teams, a mix of kinds, a service graph, per-environment overrides), generated from a
 * seed so every run and every machine measures the same input. It uses the sample repository's
 * real environments (and GitOps settings, when it has them), so the benchmark follows any change
 * to them.
 */

/**
 * The sample's environments with a team quota sized for the largest fleet measured (500 apps a
 * team at 10,000 apps): the default quota fits a sample-sized team, and a fleet over it fails
 * synth (E_QUOTA) before anything is measured.
 */
const environments = sampleProject.environments.map((env) => ({
  ...env,
  profile: {
    ...env.profile,
    quota: { requestsCpu: '2000', requestsMemory: '8000Gi', limitsMemory: '8000Gi', requestsEphemeralStorage: '20000Gi', pods: 20000 },
  },
}));
/** Optional in the sample project, so read without assuming it is there. */
const gitops = (sampleProject as { gitops?: GitOpsSettings }).gitops;

export const TEAMS = [
  'payments',
  'shop',
  'search',
  'identity',
  'catalog',
  'orders',
  'shipping',
  'billing',
  'messaging',
  'analytics',
  'recommend',
  'inventory',
  'pricing',
  'reviews',
  'support',
  'marketing',
  'fraud',
  'media',
  'notify',
  'tooling',
] as const;

/**
 * Share of each kind in the fleet: about half web services, then workers, then scheduled tasks.
 * No stateful services yet, so the benchmark stays comparable with its earlier baselines.
 */
export const KIND_MIX: Readonly<Record<AppKind, number>> = { 'web-service': 0.5, worker: 0.3, 'scheduled-task': 0.2, 'stateful-service': 0, 'batch-job': 0 };

export interface FleetOptions {
  /** Number of apps. */
  readonly apps: number;
  /** @default 42 */
  readonly seed?: number;
}

export interface SyntheticFleet {
  readonly apps: readonly SourcedApp[];
  readonly environments: readonly Environment[];
  readonly gitops?: GitOpsSettings;
  readonly seed: number;
}

const factories = goldenPath(environments);
type EnvName = (typeof environments)[number]['name'];
type Overrides = Partial<Record<EnvName, AppOverride>>;

/** What is decided for every app before definitions are written, so callers and callees agree. */
interface Skeleton {
  readonly index: number;
  readonly kind: AppKind;
  readonly team: string;
  readonly name: string;
  /** Web services: the serving port and protocol, which callers' egress rules point at. */
  readonly port: number;
  readonly protocol: 'http' | 'grpc';
  readonly egress: Skeleton[];
  readonly ingress: Skeleton[];
}

const NOUNS: Readonly<Record<AppKind, readonly string[]>> = {
  'web-service': ['api', 'gateway', 'frontend', 'service', 'edge', 'graph'],
  worker: ['consumer', 'indexer', 'processor', 'projector', 'mailer'],
  'scheduled-task': ['report', 'cleanup', 'sync', 'export', 'backfill'],
  'stateful-service': ['index', 'broker', 'store'],
  'batch-job': ['training', 'migration'],
};

/** The same options always give the same fleet, definition for definition. */
export function generateFleet(options: FleetOptions): SyntheticFleet {
  const seed = options.seed ?? 42;
  if (!Number.isInteger(options.apps) || options.apps < 1) throw new Error(`fleet size must be a whole number >= 1 (got ${options.apps})`);
  const graphRng = new Rng(seed);
  const skeletons = kindsInMix(options.apps, graphRng).map((kind, index) => skeleton(kind, index, new Rng(seed * 7919 + index)));
  connect(skeletons, graphRng);
  const apps = skeletons.map((s) => ({ definition: define(s, new Rng(seed * 104729 + s.index)), source: `apps/${s.team}/${s.name}.ts` }));
  return { apps, environments, gitops, seed };
}

/** Exactly the requested mix (rounded), shuffled so kinds are spread over teams and indices. */
function kindsInMix(count: number, rng: Rng): AppKind[] {
  const web = Math.round(count * KIND_MIX['web-service']);
  const worker = Math.min(count - web, Math.round(count * KIND_MIX.worker));
  const kinds: AppKind[] = [
    ...Array<AppKind>(web).fill('web-service'),
    ...Array<AppKind>(worker).fill('worker'),
    ...Array<AppKind>(count - web - worker).fill('scheduled-task'),
  ];
  return rng.shuffle(kinds);
}

function skeleton(kind: AppKind, index: number, rng: Rng): Skeleton {
  const team = TEAMS[index % TEAMS.length];
  // The index keeps names unique; the noun makes output read like a real fleet.
  const name = `${team}-${rng.pick(NOUNS[kind])}-${index.toString().padStart(4, '0')}`;
  const protocol = kind === 'web-service' && rng.chance(0.2) ? 'grpc' : 'http';
  const port = protocol === 'grpc' ? 50051 : rng.pick([8080, 8080, 8080, 8000, 3000]);
  return { index, kind, team, name, port, protocol, egress: [], ingress: [] };
}

/** The service graph: each app calls 0..3 web services, and each callee admits its callers. */
function connect(skeletons: readonly Skeleton[], rng: Rng): void {
  const servers = skeletons.filter((s) => s.kind === 'web-service');
  for (const caller of skeletons) {
    const candidates = servers.filter((s) => s !== caller);
    for (const callee of rng.sample(candidates, Math.min(candidates.length, rng.int(0, 3)))) {
      caller.egress.push(callee);
      callee.ingress.push(caller);
    }
  }
}

function define(s: Skeleton, rng: Rng): AppDefinition {
  // SLOs draw from a stream of their own, so adding or changing them leaves every other value alone.
  const sloRng = new Rng(s.index * 31 + 17);
  const common = {
    name: s.name,
    team: s.team,
    description: `Synthetic ${s.kind} #${s.index} of team ${s.team}.`,
    image: `ghcr.io/acme/${s.name}:${rng.int(0, 4)}.${rng.int(0, 30)}.${rng.int(0, 9)}`,
    ...(rng.chance(0.4) ? { env: envVars(rng, rng.int(1, 4)) } : {}),
    ...(rng.chance(0.4) ? { config: envVars(rng, rng.int(1, 5)) } : {}),
    ...(rng.chance(0.5) ? { resources: resources(rng) } : {}),
    ...(rng.chance(0.1) ? { shutdown: { gracePeriodSeconds: 60, preStopSeconds: s.kind === 'web-service' ? 10 : 0 } } : {}),
    ...(rng.chance(0.2) ? { imagePullPolicy: 'Always' as const } : {}),
    network: network(s, rng),
  };
  const environments = overrides(s, rng);
  switch (s.kind) {
    case 'web-service':
      return factories.webService({
        ...common,
        port: s.port,
        protocol: s.protocol,
        ...(s.protocol === 'http' && rng.chance(0.5) ? { health: Health.http('/ready', { livenessPath: '/live' }) } : {}),
        ...(rng.chance(0.7) ? { metricsPort: 9090, ...(sloRng.chance(0.6) ? { slo: webSlo(sloRng) } : {}) } : {}),
        ...(rng.chance(0.2) ? { replicas: Replicas.autoscale({ min: 2, max: rng.int(4, 12) }) } : {}),
        environments,
      });
    case 'worker': {
      const health = workerHealth(rng);
      return factories.worker({
        ...common,
        health,
        ...(health.kind !== 'exec' ? { healthPort: 8081 } : {}),
        ...(rng.chance(0.5) ? { metricsPort: 9090, ...(sloRng.chance(0.2) ? { slo: workerSlo() } : {}) } : {}),
        environments,
      });
    }
    case 'scheduled-task':
      return factories.scheduledTask({
        ...common,
        schedule: rng.pick([`${rng.int(0, 59)} ${rng.int(0, 23)} * * *`, `*/${rng.pick([5, 10, 15, 30])} * * * *`, `0 ${rng.int(0, 6)} * * 1`]),
        ...(rng.chance(0.3) ? { timeZone: 'Europe/Berlin' } : {}),
        ...(rng.chance(0.3) ? { activeDeadlineSeconds: 1800 } : {}),
        args: ['--since', rng.pick(['1h', '24h', '7d'])],
        environments,
      });
    case 'stateful-service':
      return factories.statefulService({ ...common, port: s.port, volumes: { data: Volume.persistent({ path: '/data', size: '10Gi' }) }, environments });
    case 'batch-job':
      return factories.batchJob({ ...common, environments });
  }
}

function envVars(rng: Rng, count: number): Record<string, string> {
  const keys = ['FEATURE_FLAGS', 'UPSTREAM_TIMEOUT', 'CACHE_TTL', 'REGION', 'BATCH_SIZE', 'MAX_CONNECTIONS', 'TRACE_SAMPLE_RATE', 'QUEUE_NAME'];
  const out: Record<string, string> = {};
  for (const key of rng.sample(keys, count)) out[key] = `${key.toLowerCase().replace(/_/g, '-')}-${rng.int(1, 999)}`;
  return out;
}

function resources(rng: Rng): Resources {
  // The CPU limit (when set) is above every request an override sets, so no override trips request > limit.
  const cpu = rng.pick([100, 200, 250, 500]);
  const memory = rng.pick([128, 256, 384, 512, 1024]);
  return { cpu: `${cpu}m`, memory: `${memory}Mi`, ...(rng.chance(0.3) ? { cpuLimit: '2' } : {}) };
}

function network(s: Skeleton, rng: Rng): { ingress: Peer[]; egress: Peer[] } {
  // Another team's app is in that team's namespace (the default namespace pattern is '{team}').
  const sameTeam = (other: Skeleton) => (other.team === s.team ? {} : { namespace: other.team });
  const ingress: Peer[] = s.ingress.map((caller) => Peer.app(caller.name, sameTeam(caller)));
  if (s.kind === 'web-service' && rng.chance(0.2)) ingress.push(Peer.namespace('ingress-nginx'));
  const egress: Peer[] = s.egress.map((callee) => Peer.app(callee.name, { ...sameTeam(callee), port: callee.port }));
  if (rng.chance(0.3)) egress.push(Peer.cidr(`10.${rng.int(20, 60)}.0.0/16`, { port: rng.pick([5432, 6379, 5672]) }));
  return { ingress, egress };
}

/** Most web services with metrics promise availability; half of those latency too. */
function webSlo(rng: Rng): SloProps {
  return {
    availability: rng.pick([99, 99.5, 99.9, 99.95]),
    ...(rng.chance(0.5) ? { latency: { threshold: rng.pick(['100ms', '250ms', '500ms', '1s']), objective: rng.pick([95, 99]) } } : {}),
  };
}

/** Workers follow no metric convention, so they name their counter. */
function workerSlo(): SloProps {
  return { availability: 99.5, metrics: { requests: 'jobs_processed_total', codeLabel: 'outcome', errorCodes: 'failed|timeout' } };
}

function workerHealth(rng: Rng): HealthCheck {
  const roll = rng.next();
  if (roll < 0.5) return Health.http('/healthz');
  if (roll < 0.7) return Health.tcp();
  return Health.exec(['/app/healthcheck']);
}

/** Per-environment overrides, in the proportions a real fleet has them: most apps tune prod. */
function overrides(s: Skeleton, rng: Rng): Overrides {
  const out: Overrides = {};
  const long = s.kind !== 'scheduled-task';
  const dev: AppOverride = {
    ...(rng.chance(0.3) ? { env: { DEBUG: 'true' } } : {}),
    ...(rng.chance(0.2) ? { config: { UPSTREAM_TIMEOUT: '60s' } } : {}),
    ...(rng.chance(0.2) ? { imagePullPolicy: 'Always' as const } : {}),
    ...(!long && rng.chance(0.5) ? { suspend: true } : {}),
  };
  const staging: AppOverride = {
    ...(rng.chance(0.2) ? { resources: { cpu: '150m', memory: '384Mi' } } : {}),
  };
  const prod: AppOverride = {
    ...(long && rng.chance(0.4) ? { replicas: Replicas.autoscale({ min: rng.int(2, 4), max: rng.int(6, 20), cpuUtilization: rng.pick([60, 70, 80]) }) } : {}),
    ...(rng.chance(0.3) ? { resources: { cpu: '500m', memory: '1Gi' } } : {}),
    ...(!long && rng.chance(0.1) ? { schedule: '15 2 * * *' } : {}),
  };
  for (const [name, override] of [
    ['dev', dev],
    ['staging', staging],
    ['prod', prod],
  ] as const) {
    if (Object.keys(override).length > 0) out[name] = override;
  }
  return out;
}
