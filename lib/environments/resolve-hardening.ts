import { parseImage } from '../internal/image';
import { DATA_CLASSES, ResolvedHardening, TLS_MOUNT_PATH } from '../model/hardening';
import { ResolvedApp } from '../model/resolved-app';
import { ResolvedDataStore } from '../model/resolved-data-store';
import { ResolvedExposure } from '../model/resolved-exposure';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { overrideField, ResolveContext } from './resolve-context';
import { ResolvedPorts } from './resolve-ports';

/** The TLS name of each serving protocol's port: callers and probes see at a glance that it is encrypted. */
const TLS_PORT_NAME = { http: 'https', grpc: 'grpcs' } as const;

/**
 * The hardened path of an app that declares `hardened`, checked against the environment: what it
 * needs from the environment (an internal issuer for a Service's certificate), and the settings it
 * forbids (a tag-only image, `IfNotPresent`, plain-text ports on the Service, ingress from a whole
 * namespace or address block). Undefined for other apps.
 */
export function resolveHardening(ctx: ResolveContext, namespace: string, image: string): ResolvedHardening | undefined {
  const { def, env, override, prov, problems } = ctx;
  const hardened = def.hardened;
  if (hardened === undefined) return undefined;
  if (typeof hardened !== 'object' || hardened === null || !DATA_CLASSES.includes(hardened.dataClass)) {
    problems.add({
      code: 'E_HARDENED',
      field: 'hardened.dataClass',
      value: (hardened as { dataClass?: unknown } | null)?.dataClass ?? null,
      message: `must be one of ${DATA_CLASSES.map((c) => `'${c}'`).join(', ')}`,
      fix: "declare the data the app handles, e.g. hardened: { dataClass: 'pci' }",
    });
    return undefined;
  }
  prov.record('hardened.dataClass', 'app', hardened.dataClass);

  const parsed = parseImage(image);
  if (!('problem' in parsed) && parsed.image.tag !== undefined && parsed.image.digest === undefined) {
    problems.add({
      code: 'E_HARDENED_IMAGE_DIGEST',
      field: 'image',
      value: image,
      message: 'is pinned by tag only: a hardened app runs only images pinned by digest (a tag can be moved to other content)',
      fix: `pin the digest in apps/releases.yaml: 'platform set-image ${def.name} --env ${env.name} --digest sha256:<digest>'`,
    });
  }
  for (const [field, value, fromOverride] of [
    ['imagePullPolicy', def.imagePullPolicy, false],
    ['imagePullPolicy', override.imagePullPolicy, true],
  ] as const) {
    if (value !== undefined && value !== 'Always') {
      problems.add({
        code: 'E_HARDENED_PULL_POLICY',
        field: overrideField(ctx, field, fromOverride),
        value,
        message: "must be 'Always' for a hardened app: the registry checks the node's pull credentials on every start",
        fix: 'remove imagePullPolicy (hardened apps always pull)',
      });
    }
  }
  (def.network?.ingress ?? []).forEach((peer, i) => {
    if (peer?.kind === 'app') return;
    problems.add({
      code: 'E_HARDENED_INGRESS',
      field: `network.ingress[${i}]`,
      value: peer?.kind ?? null,
      message: 'admits a whole namespace or address block: a hardened app is reached only by the apps that declare it in dependsOn',
      fix: "have each caller list this app in its dependsOn, or name the caller: Peer.app('name', { namespace })",
    });
  });
  if (def.kind === 'web-service') {
    if (def.metricsOnService === true) {
      problems.add({
        code: 'E_HARDENED_PLAINTEXT',
        field: 'metricsOnService',
        value: true,
        message: "would put the plain-text metrics port on the Service: a hardened app's Service exposes its TLS port only",
        fix: 'remove metricsOnService: Prometheus scrapes the pods directly',
      });
    }
  }

  const tls = def.kind === 'web-service' ? serviceCertificate(ctx, namespace) : undefined;
  const { runtimeClassName, nodePool } = env.hardening;
  return {
    dataClass: hardened.dataClass,
    ...(tls ? { tls } : {}),
    ...(runtimeClassName !== undefined ? { runtimeClassName } : {}),
    ...(nodePool !== undefined ? { nodePool } : {}),
  };
}

/** The certificate of the app's Service, for every name a caller in the cluster may use. */
function serviceCertificate(ctx: ResolveContext, namespace: string): ResolvedHardening['tls'] {
  const { def, env, problems } = ctx;
  const issuer = env.hardening.internalIssuer;
  if (issuer === undefined) {
    problems.add({
      code: 'E_HARDENED_ISSUER',
      field: 'hardened',
      value: env.name,
      message: `needs the environment's internal certificate issuer, and environment '${env.name}' names none`,
      fix: `set hardening: { internalIssuer: { kind: 'ClusterIssuer', name: '<issuer>' } } for '${env.name}' in apps/environments.ts`,
    });
    return undefined;
  }
  const service = `${def.name}.${namespace}.svc`;
  return {
    issuer: { kind: issuer.kind, name: issuer.name },
    secretName: `${def.name}-internal-tls`,
    dnsNames: [def.name, `${def.name}.${namespace}`, service, `${service}.cluster.local`],
    mountPath: TLS_MOUNT_PATH,
    privateKey: ctx.prov.platform('hardened.tls.privateKey', {
      ...PLATFORM_DEFAULTS.hardened.tls.privateKey,
      rotate: PLATFORM_DEFAULTS.hardened.tls.rotateKey,
    }),
    duration: ctx.prov.pick('hardened.tls.duration', ['platform', PLATFORM_DEFAULTS.hardened.tls.duration]),
  };
}

/** The serving port of a hardened Service renamed for TLS ('https', 'grpcs'); other ports as they were. */
export function hardenPorts(resolved: ResolvedPorts, hardening: ResolvedHardening | undefined): ResolvedPorts {
  if (!hardening?.tls) return resolved;
  // Every HTTP or gRPC serving port speaks TLS, and is named so; a tcp port's protocol is the app's own.
  const renamed = new Map<string, string>();
  for (const p of resolved.servicePorts) {
    const tls = p.protocol === 'http' || p.protocol === 'grpc' ? TLS_PORT_NAME[p.protocol] : undefined;
    if (tls && !resolved.ports.some((other) => other.name === tls)) renamed.set(p.name, tls);
  }
  const rename = (name: string) => renamed.get(name) ?? name;
  return {
    ports: resolved.ports.map((p) => ({ ...p, name: rename(p.name) })),
    servicePorts: resolved.servicePorts.map((p) => ({ ...p, name: rename(p.name) })),
    fields: Object.fromEntries(Object.entries(resolved.fields).map(([name, field]) => [rename(name), field])),
  };
}

/**
 * HTTP probes on the TLS port speak HTTPS (the kubelet does not verify the certificate). A kubelet
 * gRPC probe cannot speak TLS at all: an error, with the probe that can.
 */
export function hardenProbes(ctx: ResolveContext, probes: ResolvedApp['probes'], hardening: ResolvedHardening | undefined): ResolvedApp['probes'] {
  if (!probes || !hardening?.tls) return probes;
  if ([probes.readiness, probes.liveness, probes.startup].some((p) => p.handler.kind === 'grpc')) {
    ctx.problems.add({
      code: 'E_HARDENED_PROBE',
      field: 'health',
      value: 'grpc',
      message: "is a kubelet gRPC probe (the default of a gRPC service), which cannot speak TLS, and a hardened app's serving port is TLS only",
      fix: "probe with grpc_health_probe: Health.exec(['/bin/grpc_health_probe', '-addr=:<port>', '-tls', '-tls-no-verify'])",
    });
  }
  const https = (probe: NonNullable<ResolvedApp['probes']>['readiness']) =>
    probe.handler.kind === 'http' && probe.handler.port === TLS_PORT_NAME.http ? { ...probe, handler: { ...probe.handler, scheme: 'HTTPS' as const } } : probe;
  return { readiness: https(probes.readiness), liveness: https(probes.liveness), startup: https(probes.startup) };
}

/**
 * A Gateway reaches a TLS-only backend only with a BackendTLSPolicy, which is not among the
 * platform's pinned CRDs: a hardened app is public through an Ingress or not at all.
 */
export function checkHardenedExposure(ctx: ResolveContext, exposure: ResolvedExposure | undefined, hardening: ResolvedHardening | undefined): void {
  if (!hardening?.tls || exposure?.mode !== 'gateway') return;
  ctx.problems.add({
    code: 'E_HARDENED_EXPOSURE',
    field: 'expose',
    value: 'public',
    message: `cannot be public in environment '${ctx.env.name}': its Gateway would need a BackendTLSPolicy to reach the app's TLS-only port, and that CRD is not among the platform's pinned CRDs`,
    fix: 'keep the app internal and serve public traffic from a caller on the standard path',
  });
}

/**
 * An in-cluster data store would hold the hardened app's data in a pod off the hardened path (its
 * engine image is the platform's, pinned by tag): a hardened app's stores run outside the cluster.
 */
export function checkHardenedDataStores(ctx: ResolveContext, stores: readonly ResolvedDataStore[], hardening: ResolvedHardening | undefined): void {
  if (!hardening) return;
  for (const store of stores.filter((s) => s.inCluster)) {
    ctx.problems.add({
      code: 'E_HARDENED_DATA_STORE',
      field: 'dependsOn',
      value: store.name,
      message: `would run in the cluster in environment '${ctx.env.name}' (profile.dataStores 'in-cluster'), off the hardened path`,
      fix: `hardened apps keep their data outside the cluster: set profile.dataStores: 'external' for '${ctx.env.name}' in apps/environments.ts and give the store's address there (external: { ${ctx.env.name}: { host, cidrs } })`,
    });
  }
}
