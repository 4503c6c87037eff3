import { Problems } from '../internal/errors';
import { isEnvVarName } from '../internal/names';
import { AppDefinition, SourcedApp } from '../model/app-definition';
import { SourcedDataStore } from '../model/data-store-definition';
import { AppRef, Dependency, DependsOn } from '../model/dependency';
import { Origin, ResolvedApp, ResolvedPeer } from '../model/resolved-app';
import { isList } from './resolve-context';
import { DEFAULT_ADDRESS, formatAddress, serviceHost } from './resolve-address';
import { isCidr, sortPeers } from './resolve-network';
import { orderEnv } from './order-env';
import { AddressParts, ResolvedSharedDataStore } from '../model/resolved-shared-data-store';

/** An app of one environment: its definition (for `dependsOn`) and its resolution so far. */
export interface GraphNode {
  readonly sourced: SourcedApp;
  readonly app: ResolvedApp;
}

/** What else the environment holds besides the apps that resolved: each makes a dependency on it mean something else. */
export interface GraphContext {
  /** Apps whose `only` leaves this environment out: depending on one here is an error. */
  readonly absent?: readonly SourcedApp[];
  /** Apps that failed to resolve here: their own problems are reported, so their callers' are not. */
  readonly failed?: readonly SourcedApp[];
  /** The fleet's shared data stores: resolved here, or undefined when they failed to. */
  readonly stores?: readonly { readonly sourced: SourcedDataStore; readonly resolved?: ResolvedSharedDataStore }[];
}

/** `payment-gateway` -> `PAYMENT_GATEWAY_ADDR`. */
export function addressVariable(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_ADDR`;
}

/** The dependencies in force in one environment: its override's `dependsOn` replaces the app's, and problems name the list they came from. */
export function dependenciesIn(def: AppDefinition, environment: string): { entries: readonly (DependsOn | undefined)[]; field: string } {
  const override = def.environments?.[environment]?.dependsOn;
  return override !== undefined ? { entries: override, field: `environments.${environment}.dependsOn` } : { entries: def.dependsOn ?? [], field: 'dependsOn' };
}

/** The name of a hardened app's HTTPS serving port (resolve-hardening.ts). */
const TLS_HTTP_PORT = 'https';

/** `payment-gateway` -> `PAYMENT_GATEWAY_URL`: the `https://` address of a hardened callee. */
export function urlVariable(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

export function resolveGraph(nodes: readonly GraphNode[], problems: Problems, context: GraphContext = {}): ResolvedApp[] {
  const byDefinition = new Map<AppRef, GraphNode>(nodes.map((n) => [n.sourced.definition, n]));
  const byName = new Map<string, GraphNode>(nodes.map((n) => [`${n.app.team}/${n.app.name}`, n]));
  const others = new Map<AppRef | string, { why: 'absent' | 'failed'; sourced: SourcedApp }>();
  for (const [why, list] of [
    ['absent', context.absent ?? []],
    ['failed', context.failed ?? []],
  ] as const) {
    for (const sourced of list) {
      others.set(sourced.definition, { why, sourced });
      others.set(`${sourced.definition.team}/${sourced.definition.name}`, { why, sourced });
    }
  }
  const stores = new Map<AppRef | string, NonNullable<GraphContext['stores']>[number]>();
  for (const store of context.stores ?? []) {
    stores.set(store.sourced.definition, store);
    stores.set(`${store.sourced.definition.team}/${store.sourced.definition.name}`, store);
  }
  const ingress = new Map<GraphNode, ResolvedPeer[]>();
  const egress = new Map<GraphNode, ResolvedPeer[]>();
  const addresses = new Map<GraphNode, { name: string; value: string; field: string }[]>();
  // In place: a callee of many callers would copy its list once per caller.
  const push = <T>(map: Map<GraphNode, T[]>, node: GraphNode, value: T) => {
    const list = map.get(node);
    if (list) list.push(value);
    else map.set(node, [value]);
  };

  for (const caller of nodes) {
    const at = problems.at({ source: caller.app.source, app: caller.app.name, environment: caller.app.environment });
    const declared = dependenciesIn(caller.sourced.definition, caller.app.environment);
    declared.entries.forEach((entry: DependsOn | undefined, i) => {
      const field = `${declared.field}[${i}]`;
      const checkVariable = (variable: string): string | undefined => {
        if (isEnvVarName(variable)) return variable;
        at.add({
          code: 'E_ENV_NAME',
          field: `${field}.env`,
          value: variable,
          message: 'is not a valid environment variable name',
          fix: 'use letters, digits and _',
        });
        return undefined;
      };
      const dep = normalize(entry);
      if (!dep) {
        at.add({
          code: 'E_DEPENDENCY',
          field,
          value: entry ?? null,
          message: 'is not an app definition or a Dependency (an import that is undefined is usually a circular import)',
          fix: "name the app as a string instead: Dependency.on('team/name')",
        });
        return;
      }
      if (dep.kind === 'host') {
        const problem = hostProblem(dep);
        if (problem) return at.add({ code: 'E_DEPENDENCY', field, value: dep.name, message: problem.message, fix: problem.fix });
        for (const cidr of dep.cidrs) push(egress, caller, { kind: 'cidr', cidr, port: dep.port, protocol: dep.protocol ?? 'TCP' });
        push(addresses, caller, { name: addressVariable(dep.name), value: `${dep.host}:${dep.port}`, field });
        return;
      }
      const address = (parts: AddressParts): string | undefined => {
        const template = dep.kind === 'app' ? (dep.url ?? DEFAULT_ADDRESS) : DEFAULT_ADDRESS;
        const formatted = formatAddress(template, parts);
        if ('value' in formatted) return formatted.value;
        at.add({
          code: 'E_ADDRESS_TEMPLATE',
          field: `${field}.url`,
          value: template,
          message: `uses ${formatted.unknown.map((u) => (u === '{' ? 'an unmatched brace' : `'{${u}}'`)).join(', ')}, which this dependency cannot fill`,
          fix: `use only ${formatted.known.map((k) => `{${k}}`).join(', ')}`,
        });
        return undefined;
      };
      // A data store belongs to its app alone and resolves with it (resolve-data-stores.ts).
      if (dep.kind === 'datastore') return;
      const label = typeof dep.app === 'string' ? dep.app : `${dep.app.team}/${dep.app.name}`;
      // A store's definition is plain data: one built again (as tests do) is the same store.
      const store = stores.get(dep.app) ?? (typeof dep.app !== 'string' && dep.app.kind === 'data-store' ? stores.get(label) : undefined);
      if (store) {
        // A store that failed to resolve has reported why; its callers have nothing to add.
        const resolved = store.resolved;
        if (!resolved) return;
        const variable = checkVariable(dep.env ?? addressVariable(resolved.name));
        const inCluster = resolved.store.inCluster;
        const value = address(
          inCluster ? { ...resolved.address, host: serviceHost(inCluster.objectName, resolved.namespace, caller.app.namespace) } : resolved.address,
        );
        if (variable === undefined || value === undefined) return;
        for (const peer of resolved.callerEgress) push(egress, caller, peer);
        push(addresses, caller, { name: variable, value, field });
        return;
      }
      const callee = typeof dep.app === 'string' ? byName.get(dep.app) : byDefinition.get(dep.app);
      if (!callee) {
        const other = others.get(dep.app);
        // The callee's own problems are reported: saying it is not in the fleet would be false.
        if (other?.why === 'failed') return;
        if (other?.why === 'absent') {
          const only = other.sourced.definition.only ?? [];
          return at.add({
            code: 'E_DEPENDENCY_ABSENT',
            field,
            value: label,
            message: `'${caller.app.name}' depends on '${label}', which does not exist in ${caller.app.environment} (${other.sourced.source} has only: [${only.map((e) => `'${e}'`).join(', ')}])`,
            fix: `add '${caller.app.environment}' to only in ${other.sourced.source}, or give ${caller.app.name} environments.${caller.app.environment}.dependsOn without it`,
          });
        }
        const known = typeof dep.app === 'string' && !dep.app.includes('/') ? " (name it as 'team/name')" : '';
        return at.add({
          code: 'E_UNKNOWN_DEPENDENCY',
          field,
          value: label,
          message: `'${caller.app.name}' depends on '${label}', which is not an app or data store of the fleet${known}`,
          fix: `check the name, or add apps/${label}.ts`,
        });
      }
      if (callee === caller) return at.add({ code: 'E_DEPENDENCY', field, value: label, message: 'names the app itself', fix: 'remove it' });
      const port = calleePort(callee.app, dep.port);
      if (!port) {
        const declared = callee.app.ports.map((p) => `'${p.name}'`).join(', ') || 'none';
        return at.add({
          code: 'E_DEPENDENCY_PORT',
          field: dep.port !== undefined ? `${field}.port` : field,
          value: dep.port ?? label,
          message:
            dep.port !== undefined
              ? `names port '${dep.port}', which '${label}' does not declare (declared: ${declared})`
              : `names '${label}', a ${callee.app.kind} that serves no port`,
          fix: dep.port !== undefined ? `name one of ${declared}` : 'depend on a web service, or name a port with Dependency.on(app, { port })',
        });
      }
      const variable = checkVariable(dep.env ?? addressVariable(callee.app.name));
      const host = serviceHost(callee.app.name, callee.app.namespace, caller.app.namespace);
      const value = address({ host, port: port.dial, name: callee.app.name, namespace: callee.app.namespace });
      if (variable === undefined || value === undefined) return;
      // Both policy sides name the container port (what a NetworkPolicy sees); the address the Service's.
      push(egress, caller, { kind: 'app', app: callee.app.name, namespace: callee.app.namespace, port: port.container, protocol: 'TCP' });
      push(ingress, callee, { kind: 'app', app: caller.app.name, namespace: caller.app.namespace, port: port.container, protocol: 'TCP' });
      push(addresses, caller, { name: variable, value, field });
      // A hardened callee serves TLS only: the caller gets the https:// address beside host:port.
      if (callee.app.hardening?.tls && port.name === TLS_HTTP_PORT) {
        push(addresses, caller, { name: urlVariable(callee.app.name), value: `https://${host}:${port.dial}`, field });
      }
    });
  }

  return nodes.map((node) => {
    const { app } = node;
    const secretNames = new Set((app.secrets?.env ?? []).map((e) => e.name));
    const added = addresses.get(node) ?? [];
    // Copied only when dependencies add variables: both hold every field of the app.
    const provenance: Record<string, Origin> = added.length > 0 ? { ...app.provenance } : app.provenance;
    const settings: Record<string, unknown> = added.length > 0 ? { ...app.settings } : app.settings;
    // Resolution lists an app's variables by name, each once: with none added they need no merging.
    let vars = app.env;
    if (added.length > 0 || !inOrderOfName(app.env)) {
      const env = new Map(app.env.map((e) => [e.name, e.value]));
      for (const address of added) {
        const existing = secretNames.has(address.name) ? '(a secret)' : env.get(address.name);
        if (existing !== undefined && existing !== address.value) {
          problems.add({
            code: 'E_ENV_CONFLICT',
            source: app.source,
            app: app.name,
            environment: app.environment,
            field: `env.${address.name}`,
            value: existing,
            message: `is also set by ${address.field} to '${address.value}'`,
            fix: `remove env.${address.name}: dependsOn provides it`,
          });
          continue;
        }
        env.set(address.name, address.value);
        provenance[`env.${address.name}`] = 'app';
        settings[`env.${address.name}`] = address.value;
      }
      vars = [...env.keys()].sort().map((name) => ({ name, value: env.get(name)! }));
    }
    const at = problems.at({ source: app.source, app: app.name, environment: app.environment });
    const env = unchanged(app.env, orderEnv(vars, { defined: [...secretNames, ...Object.keys(app.config ?? {})] }, at));
    const network = withPeers(app.network, ingress.get(node), egress.get(node));
    // Nothing added or reordered: the app as resolved alone, which a warm synth then keys by that alone.
    if (env === app.env && network === app.network && provenance === app.provenance && settings === app.settings) return app;
    return { ...app, env, network, provenance, settings };
  });
}

/** The app's network with the peers its callers and callees add, in order; the same objects where that changes nothing. */
function withPeers(
  network: ResolvedApp['network'],
  ingress: readonly ResolvedPeer[] | undefined,
  egress: readonly ResolvedPeer[] | undefined,
): ResolvedApp['network'] {
  const ingressPeers = unchanged(network.ingress, sortPeers(ingress ? [...network.ingress, ...ingress] : network.ingress));
  const egressPeers = unchanged(network.egress, sortPeers(egress ? [...network.egress, ...egress] : network.egress));
  return ingressPeers === network.ingress && egressPeers === network.egress ? network : { ...network, ingress: ingressPeers, egress: egressPeers };
}

/** `before` when `after` holds the same items in the same order (so a warm synth's key need not spell it out), else `after`. */
function unchanged<T>(before: readonly T[], after: readonly T[]): readonly T[] {
  return after.length === before.length && after.every((item, i) => item === before[i]) ? before : after;
}

/** Whether the variables are in order of name, each once (as resolution lists them). */
function inOrderOfName(vars: readonly { readonly name: string }[]): boolean {
  return vars.every((v, i) => i === 0 || vars[i - 1].name < v.name);
}

/**
 * The callee's port a dependency calls: the named one, else its primary serving port. `dial` is
 * the Service's port when the Service exposes it, `container` the pod's.
 */
function calleePort(callee: ResolvedApp, name: string | undefined): { name: string; dial: number; container: number } | undefined {
  const served = name === undefined ? callee.servicePort : callee.servicePorts.find((p) => p.name === name);
  if (served) return { name: served.name, dial: served.port, container: served.targetPort };
  const port = name === undefined ? undefined : callee.ports.find((p) => p.name === name);
  return port && { name: port.name, dial: port.port, container: port.port };
}

function normalize(entry: DependsOn | undefined): Dependency | undefined {
  if (!entry || typeof entry !== 'object') return undefined;
  if (entry.kind === 'app' || entry.kind === 'host' || entry.kind === 'datastore') return entry;
  if (
    entry.kind === 'web-service' ||
    entry.kind === 'worker' ||
    entry.kind === 'scheduled-task' ||
    entry.kind === 'stateful-service' ||
    entry.kind === 'data-store' ||
    entry.kind === 'batch-job'
  )
    return { kind: 'app', app: entry };
  return undefined;
}

function hostProblem(dep: Extract<Dependency, { kind: 'host' }>): { message: string; fix: string } | undefined {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(dep.host ?? ''))
    return { message: `host '${dep.host}' is not a DNS name or address`, fix: "e.g. 'api.stripe.com'" };
  if (!Number.isInteger(dep.port) || dep.port < 1 || dep.port > 65535)
    return { message: `port ${dep.port} is not an integer from 1 to 65535`, fix: 'use the port the host listens on' };
  if (!isList(dep.cidrs) || dep.cidrs.length === 0)
    return { message: 'names no address blocks (cidrs)', fix: "NetworkPolicies match addresses: list the host's blocks, e.g. ['203.0.113.0/24']" };
  const bad = dep.cidrs.find((c) => !isCidr(c));
  if (bad !== undefined) return { message: `cidr '${bad}' is not an IPv4 CIDR block`, fix: "write it as 'a.b.c.d/n'" };
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(dep.name ?? '')) return { message: `name '${dep.name}' is not a lowercase DNS label`, fix: "e.g. 'stripe'" };
  return undefined;
}
