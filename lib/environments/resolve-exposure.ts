import { APEX_HOST, Exposure, EXPOSURE_KINDS } from '../model/exposure';
import { Origin, ResolvedPeer, ResolvedServicePort } from '../model/resolved-app';
import { ResolvedExposure } from '../model/resolved-exposure';
import { inherited } from './provenance';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { overrideField, ResolveContext } from './resolve-context';

/** One DNS label (RFC 1123): hosts are `<label>.<domain>`. */
const HOST_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const HOST_LABEL_MAX = 63;
const HOST_MAX = 253;
/** What ingress-nginx's strict path validation accepts for a Prefix path, and Gateway API's CEL rules allow. */
const PATH_CHARS = /^[A-Za-z0-9._~/-]*$/;
/** Gateway API's limits: matches per HTTPRoute rule, characters per path. */
const MAX_PATHS = 64;
const PATH_MAX = 1024;
/** cert-manager's ingress-shim reads this annotation and issues a certificate for the Ingress's TLS hosts. */
const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
/** ingress-nginx speaks gRPC (HTTP/2) to the backend only when told to. */
const BACKEND_PROTOCOL_ANNOTATION = 'nginx.ingress.kubernetes.io/backend-protocol';

/**
 * How a web service is reached from outside the cluster in this environment: undefined when it is
 * internal (the default), else its full host (`<host>.<domain>`), paths and the object that
 * carries them: an Ingress with cert-manager TLS, or an HTTPRoute to the platform's Gateway, as
 * the environment's `ingress.mode` says.
 *
 * A public gRPC service gets an Ingress with ingress-nginx's GRPC backend protocol. In gateway mode
 * it is an error: that needs a GRPCRoute, which is not among the platform's pinned CRDs.
 */
export function resolveExposure(ctx: ResolveContext, servicePort: ResolvedServicePort | undefined): ResolvedExposure | undefined {
  const { def, override, prov, problems } = ctx;
  const before = problems.size;
  const appExpose: unknown = (def as { expose?: unknown }).expose;
  const fromOverride = override.expose !== undefined;
  const declared: unknown = fromOverride ? override.expose : appExpose;
  const field = overrideField(ctx, 'expose', fromOverride);
  if (def.kind !== 'web-service') {
    const misplaced: [string, unknown][] = [
      ['expose', appExpose],
      [overrideField(ctx, 'expose', true), override.expose],
    ];
    for (const [at, value] of misplaced) {
      if (value === undefined) continue;
      problems.add({
        code: 'E_EXPOSURE',
        field: at,
        value: kindOf(value),
        message: `is for web services only: a ${def.kind} serves no port to expose`,
        fix: 'remove expose, or declare the app with webService',
      });
    }
    return undefined;
  }
  // The app's own exposure is in force in the other environments: a mistake in it must not hide behind this one's override.
  if (fromOverride && appExpose !== undefined) checkAppExposure(ctx, appExpose);
  if (declared !== undefined && !checkKind(ctx, declared, field)) return undefined;
  const kind = prov.pick<Exposure['kind']>(
    'expose',
    ['platform', PLATFORM_DEFAULTS.exposure.kind],
    ['app', def.expose?.kind],
    ['override', override.expose?.kind],
  );
  const expose = declared as Exposure | undefined;
  if (kind !== 'public' || expose?.kind !== 'public' || !servicePort) return undefined;

  const settings = resolveIngressSettings(ctx);
  const source = { origin: fromOverride ? 'override' : 'app', field } as const;
  const host = expose.fqdn !== undefined ? resolveFqdn(ctx, expose, source) : resolveHost(ctx, expose.host, source);
  const paths = resolvePaths(ctx, expose.paths, source);
  if (servicePort.protocol === 'tcp') {
    problems.add({
      code: 'E_EXPOSURE_TCP',
      field,
      value: 'public',
      message: `cannot make port '${servicePort.name}' public: it is a tcp port, and an Ingress or HTTPRoute carries HTTP and gRPC only`,
      fix: 'keep the app internal (Exposure.internal()), or list an http port first in ports',
    });
  }
  if (servicePort.appProtocol === 'grpc' && settings?.mode === 'gateway') {
    problems.add({
      code: 'E_EXPOSURE_GRPC',
      field,
      value: 'public',
      message: `cannot make a gRPC service public here: this environment routes through a Gateway (ingress.mode 'gateway'), which needs a GRPCRoute, and GRPCRoute is not among the platform's pinned CRDs`,
      fix: "keep the app internal (Exposure.internal()), serve HTTP (protocol: 'http'), or ask the platform team for ingress mode in this environment",
    });
  }
  if (host === undefined || paths === undefined || problems.size > before) return undefined;

  const backend = { service: def.name, port: { name: servicePort.name, port: servicePort.port, targetPort: servicePort.targetPort } };
  if (settings.mode === 'gateway') {
    return { mode: 'gateway', host, paths, backend, sourceNamespace: settings.sourceNamespace, gateway: settings.gateway };
  }
  const annotations: Record<string, string> = { [CLUSTER_ISSUER_ANNOTATION]: settings.clusterIssuer };
  // A hardened app's serving port (named 'https' or 'grpcs') speaks TLS only: the controller must too.
  const tls = servicePort.name === 'https' || servicePort.name === 'grpcs';
  if (servicePort.appProtocol === 'grpc') annotations[BACKEND_PROTOCOL_ANNOTATION] = tls ? 'GRPCS' : 'GRPC';
  else if (tls) annotations[BACKEND_PROTOCOL_ANNOTATION] = 'HTTPS';
  return {
    mode: 'ingress',
    host,
    paths,
    backend,
    sourceNamespace: settings.sourceNamespace,
    className: settings.className,
    tlsSecretName: `${def.name}-tls`,
    annotations: Object.fromEntries(
      Object.keys(annotations)
        .sort()
        .map((k) => [k, annotations[k]]),
    ),
  };
}

/**
 * The NetworkPolicy ingress peer a public app needs: the ingress controller's (or the gateway
 * proxies') namespace, on the serving port only. Empty for an internal app.
 */
export function exposureIngress(exposure: ResolvedExposure | undefined): ResolvedPeer[] {
  if (!exposure) return [];
  return [{ kind: 'namespace', namespace: exposure.sourceNamespace, port: exposure.backend.port.targetPort, protocol: 'TCP' }];
}

/**
 * `Exposure.public({ paths })` keys: a Prefix path and the same path with a trailing slash match
 * the same requests (`/api` and `/api/`), so they are one claim.
 */
export function pathKey(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

type IngressSettings =
  | { readonly mode: 'ingress'; readonly className: string; readonly clusterIssuer: string; readonly sourceNamespace: string }
  | {
      readonly mode: 'gateway';
      readonly gateway: { readonly name: string; readonly namespace: string; readonly sectionName?: string };
      readonly sourceNamespace: string;
    };

/** The environment's ingress settings (checked when it was resolved), each recorded with its layer. */
function resolveIngressSettings(ctx: ResolveContext): IngressSettings {
  const { env, prov } = ctx;
  const ingress = env.ingress;
  const mode = prov.pick('ingress.mode', [ingress.modeOrigin, ingress.mode]);
  const sourceNamespace = prov.pick('ingress.sourceNamespace', inherited(ingress.sourceNamespace));
  if (ingress.mode === 'gateway') {
    const g = ingress.gateway;
    prov.record('ingress.gateway', 'environment', `${g.namespace}/${g.name}${g.sectionName !== undefined ? `#${g.sectionName}` : ''}`);
    return { mode: 'gateway', gateway: { ...g }, sourceNamespace };
  }
  return {
    mode: mode as 'ingress',
    className: prov.pick('ingress.className', inherited(ingress.className)),
    clusterIssuer: prov.pick('ingress.clusterIssuer', inherited(ingress.clusterIssuer)),
    sourceNamespace,
  };
}

/** Where the exposure in force was declared: the app's `expose`, or this environment's override of it. */
interface ExposureSource {
  readonly origin: Extract<Origin, 'app' | 'override'>;
  /** `expose` or `environments.<env>.expose`: what problems name. */
  readonly field: string;
}

/** Whether `declared` is an Exposure; a problem at `field` when it is not. */
function checkKind(ctx: ResolveContext, declared: unknown, field: string): boolean {
  const kind = kindOf(declared);
  if (EXPOSURE_KINDS.includes(kind as Exposure['kind'])) return true;
  ctx.problems.add({
    code: 'E_EXPOSURE',
    field,
    value: kind ?? null,
    message: 'must be public or internal',
    fix: "build it with Exposure.public({ host: 'shop' }) or Exposure.internal()",
  });
  return false;
}

/** The app's `expose` where an override replaces it here: checked as it would be resolved, nothing recorded. */
function checkAppExposure(ctx: ResolveContext, declared: unknown): void {
  if (!checkKind(ctx, declared, 'expose') || kindOf(declared) !== 'public') return;
  const { host, fqdn, paths } = declared as { host?: unknown; fqdn?: unknown; paths?: unknown };
  if (fqdn !== undefined) checkFqdn(ctx, declared as { host?: unknown; fqdn?: unknown }, 'expose');
  else checkHost(ctx, host ?? ctx.def.name, 'expose.host');
  checkPaths(ctx, paths ?? PLATFORM_DEFAULTS.exposure.paths, 'expose.paths');
}

/** `<label>.<domain>`, or the domain itself for '@'; undefined (with a problem) when the label is wrong. */
function resolveHost(ctx: ResolveContext, declared: unknown, source: ExposureSource): string | undefined {
  const { def, prov } = ctx;
  const origin = declared !== undefined ? source.origin : 'platform';
  const label = prov.pick<unknown>('expose.host', [origin, declared ?? def.name]);
  const host = checkHost(ctx, label, `${source.field}.host`);
  if (host !== undefined) prov.record('expose.host', origin, host);
  return host;
}

/** The app's own fully qualified name, checked as DNS allows it; undefined (with a problem) when it is wrong. */
function resolveFqdn(ctx: ResolveContext, expose: { host?: unknown; fqdn?: unknown }, source: ExposureSource): string | undefined {
  const fqdn = checkFqdn(ctx, expose, source.field);
  if (fqdn !== undefined) ctx.prov.record('expose.host', source.origin, fqdn);
  return fqdn;
}

function checkFqdn(ctx: ResolveContext, expose: { host?: unknown; fqdn?: unknown }, at: string): string | undefined {
  const { problems } = ctx;
  const field = `${at}.fqdn`;
  if (expose.host !== undefined) {
    problems.add({
      code: 'E_EXPOSURE_HOST',
      field,
      value: expose.fqdn,
      message: `is given with host ${JSON.stringify(expose.host)}: the app has one name here`,
      fix: 'keep fqdn (a name of its own) or host (a label under the environment domain), not both',
    });
    return undefined;
  }
  const problem = fqdnProblem(expose.fqdn);
  if (problem) {
    problems.add({
      code: 'E_EXPOSURE_HOST',
      field,
      value: expose.fqdn,
      message: problem,
      fix: "write a lowercase DNS name such as 'pay.acme.com', without scheme, port or trailing dot",
    });
    return undefined;
  }
  return expose.fqdn as string;
}

function fqdnProblem(fqdn: unknown): string | undefined {
  if (typeof fqdn !== 'string') return 'must be a string';
  if (fqdn.length > HOST_MAX) return `must be at most ${HOST_MAX} characters (has ${fqdn.length})`;
  const labels = fqdn.split('.');
  if (labels.length < 2) return 'must have at least two labels (a name under a domain)';
  const bad = labels.find((l) => l.length > HOST_LABEL_MAX || !HOST_LABEL.test(l));
  if (bad !== undefined)
    return `is not a valid DNS name: label '${bad}' must be 1 to ${HOST_LABEL_MAX} lowercase letters, digits or '-', starting and ending with a letter or digit`;
  return undefined;
}

function checkHost(ctx: ResolveContext, label: unknown, field: string): string | undefined {
  const { env, problems } = ctx;
  const host = typeof label === 'string' ? (label === APEX_HOST ? env.domain : `${label}.${env.domain}`) : '';
  const problem =
    hostLabelProblem(label, env.domain) ??
    (host.length > HOST_MAX ? `makes the host '${host}' ${host.length} characters long, above the ${HOST_MAX} a DNS name may have` : undefined);
  if (problem) {
    problems.add({
      code: 'E_EXPOSURE_HOST',
      field,
      value: label,
      message: problem,
      fix: `use one lowercase DNS label such as 'shop' (it becomes shop.${env.domain}), or '@' for ${env.domain} itself`,
    });
    return undefined;
  }
  return host;
}

function hostLabelProblem(label: unknown, domain: string): string | undefined {
  if (typeof label !== 'string') return 'must be a string';
  if (label === APEX_HOST) return undefined;
  if (label === '') return "must not be empty (write '@' for the environment's bare domain)";
  if (label.includes('.')) return `must be a single DNS label without dots: the environment's domain (${domain}) is appended`;
  if (label.length > HOST_LABEL_MAX) return `must be at most ${HOST_LABEL_MAX} characters (has ${label.length})`;
  if (/[A-Z]/.test(label)) return 'must be lowercase';
  if (!HOST_LABEL.test(label)) return "may contain only lowercase letters, digits and '-', and must start and end with a letter or digit";
  return undefined;
}

/** Path prefixes as declared, each checked; undefined (with problems) when any is wrong. */
function resolvePaths(ctx: ResolveContext, declared: unknown, source: ExposureSource): string[] | undefined {
  const paths = ctx.prov.pick<unknown>('expose.paths', ['platform', PLATFORM_DEFAULTS.exposure.paths], [source.origin, declared]);
  return checkPaths(ctx, paths, `${source.field}.paths`);
}

function checkPaths(ctx: ResolveContext, paths: unknown, at: string): string[] | undefined {
  const { problems } = ctx;
  const fix = "write a path prefix such as '/' or '/api/v1', or leave paths out for the whole host";
  if (!Array.isArray(paths) || paths.length === 0) {
    problems.add({ code: 'E_EXPOSURE_PATH', field: at, value: paths ?? null, message: 'must be a non-empty list of path prefixes', fix });
    return undefined;
  }
  if (paths.length > MAX_PATHS) {
    problems.add({
      code: 'E_EXPOSURE_PATH',
      field: at,
      value: paths.length,
      message: `must list at most ${MAX_PATHS} path prefixes (an HTTPRoute rule's limit)`,
      fix: 'route a common prefix instead of each path',
    });
    return undefined;
  }
  const before = problems.size;
  const seen = new Map<string, number>();
  paths.forEach((path: unknown, i) => {
    const field = `${at}[${i}]`;
    const problem = pathProblem(path);
    if (problem) return problems.add({ code: 'E_EXPOSURE_PATH', field, value: path, message: problem, fix });
    const key = pathKey(path as string);
    const first = seen.get(key);
    if (first !== undefined)
      return problems.add({
        code: 'E_EXPOSURE_PATH',
        field,
        value: path,
        message: `matches the same requests as ${at}[${first}] (${JSON.stringify(paths[first])})`,
        fix: 'list each path once',
      });
    seen.set(key, i);
  });
  return problems.size === before ? [...(paths as string[])] : undefined;
}

function pathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'must be a string';
  if (!path.startsWith('/')) return "must start with '/'";
  if (path.length > PATH_MAX) return `must be at most ${PATH_MAX} characters (has ${path.length})`;
  if (/\s/.test(path)) return 'must not contain spaces';
  if (path.includes('//')) return "must not contain an empty segment ('//')";
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return "must not contain '.' or '..' segments";
  if (!PATH_CHARS.test(path))
    return "may contain only letters, digits, '-', '.', '_', '~' and '/' (ingress controllers reject or reinterpret other characters in a prefix)";
  return undefined;
}

function kindOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' && 'kind' in value ? value.kind : value;
}
