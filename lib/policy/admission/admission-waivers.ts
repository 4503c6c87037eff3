import { LABEL } from '../../internal/labels';
import { Waiver } from '../../model/waiver';
import { isExpired } from '../waiver';

/** An app as admission sees it: where its objects are, which label names them, which waivers it declares. */
export interface AdmissionApp {
  readonly name: string;
  readonly namespace: string;
  readonly environment: string;
  /** The file the app is defined in (named on each exception). */
  readonly source: string;
  /** @default - none */
  readonly waivers?: readonly Waiver[];
}

/** A waiver that holds in the cluster: declared for this environment (or all), not expired. */
export interface ActiveWaiver {
  readonly app: AdmissionApp;
  readonly waiver: Waiver;
}

/**
 * The waivers of `apps` that reach the cluster of `environment` for the rules in `ruleIds`: one
 * that expired before `now` gives nothing, so enforcement resumes at the next synth (and the
 * check fails it until it is renewed or removed). Sorted by rule, namespace, app, for stable output.
 */
export function activeWaivers(apps: readonly AdmissionApp[], environment: string, ruleIds: ReadonlySet<string>, now: Date): ActiveWaiver[] {
  const out: ActiveWaiver[] = [];
  for (const app of apps) {
    if (app.environment !== environment) continue;
    for (const waiver of app.waivers ?? []) {
      if (!ruleIds.has(waiver.rule) || (waiver.environment !== undefined && waiver.environment !== environment) || isExpired(waiver, now)) continue;
      out.push({ app, waiver });
    }
  }
  const key = (w: ActiveWaiver) =>
    `${w.waiver.rule}\u0000${w.app.namespace}\u0000${w.app.name}\u0000${w.waiver.object?.kind ?? ''}\u0000${w.waiver.object?.name ?? ''}`;
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The objects a controller creates from a waived object: they carry its pod template's labels, and generated names. */
const CHILDREN: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['ReplicaSet', 'Pod'],
  CronJob: ['Job', 'Pod'],
  StatefulSet: ['Pod'],
  DaemonSet: ['Pod'],
  ReplicaSet: ['Pod'],
  ReplicationController: ['Pod'],
  Job: ['Pod'],
};

/**
 * CEL that is true for exactly the waived app's objects: its namespace and its name label (which
 * every object of the app and its pods carry), narrowed to the waiver's object (and the pods a
 * controller makes from it) when the waiver names one.
 */
export function waivedObjectsCel(active: ActiveWaiver): string {
  const { app, waiver } = active;
  const label = JSON.stringify(LABEL.name);
  const parts = [
    `object.metadata.namespace == ${JSON.stringify(app.namespace)}`,
    `has(object.metadata.labels) && ${label} in object.metadata.labels && object.metadata.labels[${label}] == ${JSON.stringify(app.name)}`,
  ];
  const target = waiver.object;
  if (target) {
    const named = `object.kind == ${JSON.stringify(target.kind)}${target.name !== undefined ? ` && object.metadata.name == ${JSON.stringify(target.name)}` : ''}`;
    const children = CHILDREN[target.kind] ?? [];
    parts.push(children.length > 0 ? `((${named}) || object.kind in ${JSON.stringify(children).replace(/,/g, ', ')})` : `(${named})`);
  }
  return parts.join(' && ');
}

/** The last moment a waiver applies, RFC 3339: the end of its `expires` day, UTC. */
export function waiverEnd(waiver: Waiver): string {
  return `${waiver.expires}T23:59:59Z`;
}
