import { Manifest } from './manifest';
import { LabelSelector } from './k8s-types';
import { selects, serviceSelector } from './service-selector';
import { PodTemplate, PodTemplates } from './pod-template';

/** An object that runs pods, with its pod template. */
export interface Workload {
  readonly object: Manifest;
  readonly namespace: string;
  readonly pod: PodTemplate;
}

interface ScaleTargetRef {
  readonly kind?: string;
  readonly name?: string;
}

/** Where the kinds that select pods keep their selector, as a label selector (undefined: selects nothing). */
const POD_SELECTORS: Readonly<Record<string, (object: Manifest) => LabelSelector | undefined>> = {
  NetworkPolicy: (o) => (o as { spec?: { podSelector?: LabelSelector } }).spec?.podSelector,
  PodDisruptionBudget: (o) => (o as { spec?: { selector?: LabelSelector } }).spec?.selector,
  Service: (o) => serviceSelector((o as { spec?: { selector?: Record<string, string> } }).spec?.selector),
};

/** Selecting objects of one kind and namespace, indexed by the first label pair their selector requires. */
interface SelectorIndex {
  readonly byPair: Map<string, Manifest[]>;
  /** Selectors without matchLabels (empty, or expressions only): checked against every pod. */
  readonly unindexed: Manifest[];
  /** What `selecting` found for a workload's pod labels: several rules ask for the same workload's budgets or policies. */
  readonly found: WeakMap<object, readonly Manifest[]>;
}

/**
 * Every object of one environment, indexed once by kind, namespace and name, so cross-object
 * rules look things up instead of scanning the fleet for each object.
 */
export class EnvironmentObjects {
  private readonly byKind = new Map<string, Manifest[]>();
  // Built on first use, per kind: rules look up a few kinds by namespace or name, and most objects are of other kinds.
  private readonly byNamespace = new Map<string, Map<string, Manifest[]>>();
  private readonly byName = new Map<string, Map<string, Manifest>>();
  private readonly workloadList: Workload[] = [];
  /** The pod labels of the workloads: objects of the index, which do not change while it is in use. */
  private readonly podLabels = new WeakSet<object>();
  private readonly workloadsByNamespace = new Map<string, Workload[]>();
  private readonly autoscalers = new Map<string, Manifest>();
  private readonly position = new Map<Manifest, number>();
  // Built on first use, per namespace (and kind): most rules never need them.
  private readonly podLabelIndexes = new Map<string, Map<string, Workload[]>>();
  private readonly objectLabelIndexes = new Map<string, Map<string, Manifest[]>>();
  private readonly selectorIndexes = new Map<string, SelectorIndex>();

  /** `pods`: the check run's reader, so rules see the same pod templates as this index. @default - a reader of its own */
  constructor(
    readonly all: readonly Manifest[],
    pods: PodTemplates = new PodTemplates(),
  ) {
    all.forEach((object, at) => {
      const namespace = namespaceOf(object);
      this.position.set(object, at);
      push(this.byKind, object.kind, object);
      const pod = pods.of(object);
      if (pod) {
        const workload = { object, namespace, pod };
        this.workloadList.push(workload);
        push(this.workloadsByNamespace, namespace, workload);
        this.podLabels.add(pod.labels);
      }
      if (object.kind === 'HorizontalPodAutoscaler') {
        const target = (object as { spec?: { scaleTargetRef?: ScaleTargetRef } }).spec?.scaleTargetRef;
        if (target?.kind && target.name) this.autoscalers.set(`${namespace}\0${target.kind}\0${target.name}`, object);
      }
    });
  }

  /** Where the object is in `all` (the last place, if it is there twice), or undefined when it is not there. */
  indexOf(object: Manifest): number | undefined {
    return this.position.get(object);
  }

  ofKind(kind: string): readonly Manifest[] {
    return this.byKind.get(kind) ?? [];
  }

  inNamespace(namespace: string, kind: string): readonly Manifest[] {
    let index = this.byNamespace.get(kind);
    if (!index) {
      index = new Map();
      for (const object of this.ofKind(kind)) push(index, namespaceOf(object), object);
      this.byNamespace.set(kind, index);
    }
    return index.get(namespace) ?? [];
  }

  /** The object of this kind, namespace and name; the last one given, if there are several. */
  get(namespace: string, kind: string, name: string): Manifest | undefined {
    let index = this.byName.get(kind);
    if (!index) {
      index = new Map();
      for (const object of this.ofKind(kind)) index.set(`${namespaceOf(object)}\0${object.metadata.name}`, object);
      this.byName.set(kind, index);
    }
    return index.get(`${namespace}\0${name}`);
  }

  /** Objects that run pods, in one namespace or everywhere. */
  workloads(namespace?: string): readonly Workload[] {
    return namespace === undefined ? this.workloadList : (this.workloadsByNamespace.get(namespace) ?? []);
  }

  /** The workloads of a namespace whose pods `selector` selects (an empty selector: all of them). */
  podsSelectedBy(namespace: string, selector: LabelSelector | undefined): Workload[] {
    if (!selector) return [];
    const first = Object.entries(selector.matchLabels ?? {})[0];
    const candidates = first ? (this.podLabelIndex(namespace).get(`${first[0]}=${first[1]}`) ?? []) : this.workloads(namespace);
    return candidates.filter((w) => selects(selector, w.pod.labels));
  }

  /** The objects of a kind in a namespace whose labels `selector` selects. */
  objectsSelectedBy(namespace: string, kind: string, selector: LabelSelector | undefined): Manifest[] {
    if (!selector) return [];
    const first = Object.entries(selector.matchLabels ?? {})[0];
    const candidates = first ? (this.objectLabelIndex(namespace, kind).get(`${first[0]}=${first[1]}`) ?? []) : this.inNamespace(namespace, kind);
    return candidates.filter((o) => selects(selector, (o.metadata.labels ?? {}) as Record<string, string>));
  }

  /**
   * The NetworkPolicies, PodDisruptionBudgets or Services of a namespace whose selector selects
   * pods with these labels, in the order they were given. Indexed, so a namespace of a thousand
   * apps costs a thousand lookups rather than a million comparisons.
   */
  selecting(kind: 'NetworkPolicy' | 'PodDisruptionBudget' | 'Service', namespace: string, labels: Readonly<Record<string, string>>): readonly Manifest[] {
    const index = this.selectorIndex(kind, namespace);
    // Remembered only for a workload's labels: those cannot change while the index is in use, a caller's own object could.
    const known = this.podLabels.has(labels);
    const remembered = known ? index.found.get(labels) : undefined;
    if (remembered) return remembered;
    const candidates = new Set(index.unindexed);
    for (const [k, v] of Object.entries(labels)) for (const o of index.byPair.get(`${k}=${v}`) ?? []) candidates.add(o);
    const selectorOf = POD_SELECTORS[kind];
    const found = [...candidates].filter((o) => selects(selectorOf(o), labels)).sort((a, b) => this.position.get(a)! - this.position.get(b)!);
    if (known) index.found.set(labels, found);
    return found;
  }

  private podLabelIndex(namespace: string): Map<string, Workload[]> {
    let index = this.podLabelIndexes.get(namespace);
    if (!index) {
      index = new Map();
      for (const w of this.workloads(namespace)) for (const [k, v] of Object.entries(w.pod.labels)) push(index, `${k}=${v}`, w);
      this.podLabelIndexes.set(namespace, index);
    }
    return index;
  }

  private objectLabelIndex(namespace: string, kind: string): Map<string, Manifest[]> {
    const key = `${namespace}\0${kind}`;
    let index = this.objectLabelIndexes.get(key);
    if (!index) {
      index = new Map();
      for (const o of this.inNamespace(namespace, kind))
        for (const [k, v] of Object.entries((o.metadata.labels ?? {}) as Record<string, string>)) push(index, `${k}=${v}`, o);
      this.objectLabelIndexes.set(key, index);
    }
    return index;
  }

  private selectorIndex(kind: string, namespace: string): SelectorIndex {
    const key = `${namespace}\0${kind}`;
    let index = this.selectorIndexes.get(key);
    if (!index) {
      index = { byPair: new Map(), unindexed: [], found: new WeakMap() };
      for (const object of this.inNamespace(namespace, kind)) {
        const selector = POD_SELECTORS[kind](object);
        if (!selector) continue;
        const first = Object.entries(selector.matchLabels ?? {})[0];
        if (first) push(index.byPair, `${first[0]}=${first[1]}`, object);
        else index.unindexed.push(object);
      }
      this.selectorIndexes.set(key, index);
    }
    return index;
  }

  /** The HorizontalPodAutoscaler that scales this object, if any. */
  autoscalerOf(object: Manifest): Manifest | undefined {
    return this.autoscalers.get(`${namespaceOf(object)}\0${object.kind}\0${object.metadata.name}`);
  }

  /** The fewest pods the object runs: the autoscaler's minimum, or its fixed replica count (1 when unset). */
  minimumReplicas(object: Manifest): number {
    const hpa = this.autoscalerOf(object) as { spec?: { minReplicas?: number } } | undefined;
    if (hpa) return hpa.spec?.minReplicas ?? 1;
    return (object as { spec?: { replicas?: number } }).spec?.replicas ?? 1;
  }
}

/** The namespace an object lands in; one without a namespace lands in 'default'. */
export function namespaceOf(object: Manifest): string {
  return object.metadata.namespace ?? 'default';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
