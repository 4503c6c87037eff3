import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { LABEL } from '../internal/labels';
import { appSecretName } from '../model/app-files';
import { ResolvedApp, ResolvedDns, ResolvedPeer } from '../model/resolved-app';
import { ResolvedDataStore } from '../model/resolved-data-store';
import { dnsEgress, NAMESPACE_NAME } from '../network/network-policy';
import { disruptionBudget } from '../workload/disruption-budget';
import { podIdentity, scratchVolume } from '../workload/pod-template';
import { toProbe } from '../workload/probes';
import { toResourceRequirements } from '../workload/resources';
import { ExternalSecret, singleExternalSecret } from '../workload/external-secret';
import { containerSecurityContext } from '../workload/security';
import { ownServiceAccount } from '../workload/service-account';

/** The variable (and Secret key) the postgres image reads its password from. */
const PASSWORD_KEY = 'POSTGRES_PASSWORD';

export interface DataStoreProps {
  readonly store: ResolvedDataStore;
  /** Where the store runs and what its objects carry: its app's, or a shared store's own. */
  readonly owner: DataStoreOwner;
  /** The apps the store admits, on its port. */
  readonly clients: readonly ResolvedPeer[];
}

/** The namespace, labels and DNS peers a store's objects take from what owns them. */
export interface DataStoreOwner {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly dns: ResolvedDns;
  /** For messages about bugs. */
  readonly source: string;
}

/** What an app's own store takes from the app: its namespace and labels, and the app as its one client. */
export function appDataStoreProps(app: ResolvedApp, store: ResolvedDataStore): DataStoreProps {
  return {
    store,
    owner: { namespace: app.namespace, labels: app.labels, annotations: app.annotations, dns: app.network.dns, source: app.source },
    clients: [{ kind: 'app', app: app.name, namespace: app.namespace, port: store.port, protocol: 'TCP' }],
  };
}

/**
 * An app's database or cache in the cluster (dev): one pod of the engine's official image with a
 * volume it writes its data to as a non-root UID >= 10000 (the volume is the pod group's: fsGroup), a headless Service, and the golden-path parts of any pod, shared with the app stacks
 * (lib/workload: restricted security, probes, requests and limits, own ServiceAccount, PDB), plus
 * a default-deny NetworkPolicy admitting only its app.
 */
export class DataStore extends Construct {
  readonly serviceAccount: k8s.KubeServiceAccount;
  readonly statefulSet: k8s.KubeStatefulSet;
  readonly service: k8s.KubeService;
  readonly networkPolicy: k8s.KubeNetworkPolicy;
  readonly disruptionBudget: k8s.KubePodDisruptionBudget;
  /** Shared stores with a password: the ExternalSecret that writes the Secret `<name>-secrets`. */
  readonly externalSecret?: ExternalSecret;

  constructor(scope: Construct, id: string, props: DataStoreProps) {
    super(scope, id);
    const { owner, store } = props;
    const s = store.inCluster;
    if (!s) throw new Error(`bug: ${owner.source}: data store '${store.name}' is not in the cluster`);
    const selector = { [LABEL.instance]: s.objectName, [LABEL.name]: s.objectName };
    const labels = { ...owner.labels, ...selector, [LABEL.component]: s.component, [LABEL.version]: s.version };
    const metadata = { name: s.objectName, namespace: owner.namespace, labels, annotations: { ...owner.annotations } };
    const scratch = ['/tmp', ...s.writableDirs].map((mountPath, i) => ({ name: `scratch-${i}`, mountPath }));

    this.serviceAccount = ownServiceAccount(this, metadata);
    this.service = new k8s.KubeService(this, 'service', {
      metadata,
      spec: {
        clusterIp: 'None',
        selector,
        ports: [{ name: store.engine, port: store.port, targetPort: k8s.IntOrString.fromString(store.engine), protocol: 'TCP' }],
      },
    });
    this.statefulSet = new k8s.KubeStatefulSet(this, 'stateful-set', {
      metadata,
      spec: {
        serviceName: s.objectName,
        replicas: s.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            ...podIdentity({ serviceAccount: s.objectName, security: s.security, gracePeriodSeconds: s.gracePeriodSeconds }),
            containers: [
              {
                name: store.engine,
                image: s.image,
                imagePullPolicy: s.imagePullPolicy,
                ...(s.args.length ? { args: [...s.args] } : {}),
                env: [
                  ...(s.password ? [{ name: PASSWORD_KEY, valueFrom: { secretKeyRef: { name: appSecretName(s.objectName), key: PASSWORD_KEY } } }] : []),
                  ...s.env.map((e) => ({ ...e })),
                ],
                ports: [{ name: store.engine, containerPort: store.port, protocol: 'TCP' }],
                resources: toResourceRequirements(s.resources),
                readinessProbe: toProbe(s.probes.readiness),
                livenessProbe: toProbe(s.probes.liveness),
                startupProbe: toProbe(s.probes.startup),
                securityContext: containerSecurityContext(s),
                volumeMounts: [{ name: 'data', mountPath: s.dataPath }, ...scratch.map((v) => ({ name: v.name, mountPath: v.mountPath }))],
              },
            ],
            volumes: scratch.map((v) => scratchVolume(v.name, s.scratchSize)),
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels: selector },
            spec: {
              accessModes: [s.accessMode],
              ...(s.storageClass !== undefined ? { storageClassName: s.storageClass } : {}),
              resources: { requests: { storage: k8s.Quantity.fromString(s.storage) } },
            },
          },
        ],
      },
    });
    this.networkPolicy = new k8s.KubeNetworkPolicy(this, 'network-policy', {
      metadata,
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ['Ingress', 'Egress'],
        // A client in the store's namespace is matched by its pods alone, as the store's app always was.
        ingress: props.clients.map((client) => ({
          from: [
            client.namespace === owner.namespace
              ? { podSelector: { matchLabels: { [LABEL.name]: client.app! } } }
              : { namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: client.namespace! } }, podSelector: { matchLabels: { [LABEL.name]: client.app! } } },
          ],
          ports: [{ port: k8s.IntOrString.fromNumber(store.port), protocol: 'TCP' }],
        })),
        egress: [dnsEgress(owner.dns)],
      },
    });
    if (s.password) {
      this.externalSecret = singleExternalSecret(this, { metadata, secretName: appSecretName(s.objectName), key: PASSWORD_KEY, ...s.password });
    }
    this.disruptionBudget = disruptionBudget(this, {
      metadata,
      selector,
      maxUnavailable: s.maxUnavailable,
      unhealthyPodEvictionPolicy: s.unhealthyPodEvictionPolicy,
    });
  }
}
