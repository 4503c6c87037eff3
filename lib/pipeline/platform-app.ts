import { createHash } from 'node:crypto';
import { ResolvedApp } from '../model/resolved-app';
import type { AdmissionApp } from '../policy/admission/admission-waivers';

/**
 * An app as the platform's own files of its environment see it (namespaces, Argo CD objects,
 * admission policies, shared data stores): all they read of it, so all their cache key covers of
 * it. They are rendered from this, never from the resolved app, so an edit of anything else (an
 * image, a description, resources) keeps them cached, and a key that missed a field they read
 * could not compile.
 */
export interface PlatformApp extends AdmissionApp {
  readonly team: string;
  /** In a production environment, a team with a hardened app syncs by review. */
  readonly hardened: boolean;
  /** The apps (and shared stores) it calls: a store in the cluster admits those that name it. */
  readonly calls: readonly { readonly app: string; readonly namespace?: string }[];
}

/** Plain JSON data but for `waivers`, which are the definition's (`platformAppsKey` keys them apart). */
export function platformApp(app: ResolvedApp): PlatformApp {
  const calls = app.network.egress.filter((p) => p.kind === 'app' && p.app !== undefined).map((p) => ({ app: p.app!, namespace: p.namespace }));
  return {
    name: app.name,
    namespace: app.namespace,
    environment: app.environment,
    source: app.source,
    ...(app.waivers !== undefined ? { waivers: app.waivers } : {}),
    team: app.team,
    hardened: app.hardening !== undefined,
    calls,
  };
}

/**
 * What stands for `apps` in a key: a hash of their JSON, made natively (a key's generic walk of
 * them cost ~5 ms per 1,000 apps), and their waivers as they are, for the key to walk: they are the
 * definitions' and may hold more than JSON says. Undefined when they have no JSON (a cycle or a
 * bigint in a waiver): not cached.
 */
export function platformAppsKey(apps: readonly PlatformApp[]): unknown[] | undefined {
  let json: string;
  try {
    json = JSON.stringify(apps);
  } catch {
    return undefined;
  }
  return [createHash('sha256').update(json).digest('hex'), apps.flatMap((app, i) => (app.waivers !== undefined ? [[i, app.waivers]] : []))];
}
