import { Manifest } from './manifest';
import { Container, PodSpec } from './k8s-types';

/** The pod an object runs (a Deployment's template, a CronJob's job template, a bare Pod). */
export interface PodTemplate {
  /** Labels the pods carry: what Services, policies and budgets select. */
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: PodSpec;
  /** Path of `spec` inside the object, e.g. `spec.template.spec`. */
  readonly path: string;
  /** Path of the pods' labels inside the object, e.g. `spec.template.metadata.labels`. */
  readonly labelsPath: string;
}

/** A container with where it sits in the object, so findings can point at it. */
export interface ContainerAt {
  readonly container: Container;
  /** e.g. `spec.template.spec.containers[0]` */
  readonly path: string;
  readonly type: 'container' | 'initContainer' | 'ephemeralContainer';
}

/** The kinds whose pods live at `spec.template`. */
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);

/** Every kind podTemplateOf may find a pod in. */
const POD_KINDS: ReadonlySet<string> = new Set([...TEMPLATE_KINDS, 'CronJob', 'Pod']);

/** Kinds that keep a fixed number of long-running pods (what budgets, spread and replica rules are about). */
export const REPLICATED_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

interface TemplateLike {
  readonly metadata?: { readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: PodSpec;
}

interface WorkloadLike {
  readonly metadata: { readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: PodSpec & { readonly template?: TemplateLike; readonly jobTemplate?: { readonly spec?: { readonly template?: TemplateLike } } };
}

/** The pod template of a workload object, or undefined for objects that run no pods. Read afresh at every call. */
export function podTemplateOf(object: Manifest): PodTemplate | undefined {
  const o = object as WorkloadLike;
  if (object.kind === 'Pod' && object.apiVersion === 'v1')
    return o.spec ? { labels: o.metadata.labels ?? {}, spec: o.spec, path: 'spec', labelsPath: 'metadata.labels' } : undefined;
  if (TEMPLATE_KINDS.has(object.kind)) return fromTemplate(o.spec?.template, 'spec.template');
  if (object.kind === 'CronJob') return fromTemplate(o.spec?.jobTemplate?.spec?.template, 'spec.jobTemplate.spec.template');
  return undefined;
}

function fromTemplate(template: TemplateLike | undefined, path: string): PodTemplate | undefined {
  if (!template?.spec) return undefined;
  return { labels: template.metadata?.labels ?? {}, spec: template.spec, path: `${path}.spec`, labelsPath: `${path}.metadata.labels` };
}

/** Every container of a pod: init containers, containers, then ephemeral containers. Listed afresh at every call. */
export function containersOf(pod: PodTemplate): readonly ContainerAt[] {
  const out: ContainerAt[] = [];
  const add = (list: readonly Container[] | undefined, field: string, type: ContainerAt['type']): void => {
    (list ?? []).forEach((container, i) => out.push({ container, path: `${pod.path}.${field}[${i}]`, type }));
  };
  add(pod.spec.initContainers, 'initContainers', 'initContainer');
  add(pod.spec.containers, 'containers', 'container');
  add(pod.spec.ephemeralContainers, 'ephemeralContainers', 'ephemeralContainer');
  return out;
}

/** How findings name a container: `container 'web'`, `init container 'migrate'`. */
export function describeContainer(at: ContainerAt): string {
  const noun = at.type === 'initContainer' ? 'init container' : at.type === 'ephemeralContainer' ? 'ephemeral container' : 'container';
  return `${noun} '${at.container.name}'`;
}

/**
 * Pod templates and container lists, read once per object and remembered for the life of this
 * reader: one check run (runChecks makes one and hands it to every rule in RuleContext). Every rule
 * asks for them, for every object (about 45 times per object); remembering them took ~0.5 s off
 * the checks of a 1,000-app synth (CPU profile of `npm run bench`). No object may change while a
 * reader is in use; a new run gets a new reader, so a changed object is always read afresh.
 */
export class PodTemplates {
  private readonly templates = new WeakMap<Manifest, PodTemplate | null>();
  private readonly containerLists = new WeakMap<PodTemplate, readonly ContainerAt[]>();

  /** The pod template of a workload object, or undefined for objects that run no pods. */
  of(object: Manifest): PodTemplate | undefined {
    // Most objects run no pods, and every rule asks: answer those without a WeakMap lookup.
    if (!POD_KINDS.has(object.kind)) return undefined;
    let template = this.templates.get(object);
    if (template === undefined) {
      template = podTemplateOf(object) ?? null;
      this.templates.set(object, template);
    }
    return template ?? undefined;
  }

  /** Every container of a pod: init containers, containers, then ephemeral containers. */
  containersOf(pod: PodTemplate): readonly ContainerAt[] {
    let list = this.containerLists.get(pod);
    if (!list) {
      list = containersOf(pod);
      this.containerLists.set(pod, list);
    }
    return list;
  }

  /**
   * Runs `check` on every container of the object's pod (none for objects without pods) and
   * gathers what it reports: the common shape of container rules.
   */
  checkContainers<V>(object: Manifest, check: (at: ContainerAt, pod: PodTemplate) => V | readonly V[] | undefined): V[] {
    const pod = this.of(object);
    if (!pod) return [];
    const out: V[] = [];
    for (const at of this.containersOf(pod)) {
      const result = check(at, pod);
      if (Array.isArray(result)) out.push(...(result as readonly V[]));
      else if (result !== undefined) out.push(result as V);
    }
    return out;
  }
}
