import { Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HealthCheck } from '../../lib';
import { NaiveValues } from './naive-values';

/**
 * One app in one environment built the way a team would with cdk8s-plus-28 and no platform
 * library: L2 constructs (Deployment, Service, HorizontalPodAutoscaler, NetworkPolicy,
 * ServiceAccount, ConfigMap, CronJob) configured to match our objects field for field where the
 * L2 API allows. cdk8s-plus-28 has no L2 PodDisruptionBudget, so that one is the L1 `k8s` class.
 *
 * Known differences, none of which changes the amount of work much: plus-28 has no gRPC probe
 * (a TCP probe on the port stands in), ephemeral storage only in whole GiB (no 64Mi request), probes address ports by number, `spread` is pod
 * anti-affinity rather than topology spread constraints, and plus adds a few fields of its own
 * (minReadySeconds, progressDeadlineSeconds, fsGroupChangePolicy, hostNetwork...). plus refuses job
 * history limits together with ttlSecondsAfterFinished, so the CronJob keeps only the TTL.
 */
export function buildPlusApp(chart: Chart, v: NaiveValues): void {
  const def = v.def;
  const meta = { name: def.name, namespace: v.namespace, labels: v.labels, annotations: v.annotations };
  const serviceAccount = new kplus.ServiceAccount(chart, 'service-account', { metadata: meta, automountToken: false });
  const configMap = v.config ? new kplus.ConfigMap(chart, 'config', { metadata: meta, data: v.config }) : undefined;
  const tmp = kplus.Volume.fromEmptyDir(chart, 'tmp-volume', 'tmp', { sizeLimit: Size.mebibytes(64) });
  const pod = {
    metadata: meta,
    select: false,
    podMetadata: { labels: v.labels },
    serviceAccount,
    automountServiceAccountToken: false,
    securityContext: { user: v.runAsUser, group: v.runAsUser, fsGroup: v.runAsUser, ensureNonRoot: true },
    terminationGracePeriod: Duration.seconds(v.gracePeriodSeconds),
    containers: [container(v, tmp, configMap)],
    volumes: [tmp],
  };

  if (def.kind === 'scheduled-task') {
    const [minute, hour, day, month, weekDay] = v.schedule!.split(' ');
    const cron = new kplus.CronJob(chart, 'cron-job', {
      ...pod,
      restartPolicy: kplus.RestartPolicy.ON_FAILURE,
      schedule: Cron.schedule({ minute, hour, day, month, weekDay }),
      timeZone: def.timeZone ?? 'Etc/UTC',
      suspend: v.suspend,
      concurrencyPolicy: def.concurrencyPolicy === 'Replace' ? kplus.ConcurrencyPolicy.REPLACE : kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.seconds(def.startingDeadlineSeconds ?? 300),
      backoffLimit: def.backoffLimit ?? 2,
      activeDeadline: Duration.seconds(def.activeDeadlineSeconds ?? 3600),
      ttlAfterFinished: Duration.seconds(def.ttlSecondsAfterFinished ?? 86400),
    });
    networkPolicy(chart, v, cron);
    return;
  }

  const web = def.kind === 'web-service';
  const deployment = new kplus.Deployment(chart, 'deployment', {
    ...pod,
    replicas: v.replicas?.kind === 'fixed' ? v.replicas.count : undefined,
    spread: true,
    strategy: kplus.DeploymentStrategy.rollingUpdate({
      maxSurge: kplus.PercentOrAbsolute.percent(25),
      maxUnavailable: web ? kplus.PercentOrAbsolute.absolute(0) : kplus.PercentOrAbsolute.percent(25),
    }),
  });
  deployment.select(kplus.LabelSelector.of({ labels: v.selector }));
  if (web && v.port) {
    new kplus.Service(chart, 'service', {
      metadata: meta,
      type: kplus.ServiceType.CLUSTER_IP,
      selector: deployment,
      ports: [{ name: v.port.name, port: v.port.number, targetPort: v.port.number, protocol: kplus.Protocol.TCP }],
    });
  }
  if (v.replicas?.kind === 'autoscale') {
    const r = v.replicas;
    new kplus.HorizontalPodAutoscaler(chart, 'autoscaler', {
      metadata: meta,
      target: deployment,
      minReplicas: r.min,
      maxReplicas: r.max,
      metrics: [
        kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(r.cpuUtilization ?? 70)),
        ...(r.memoryUtilization !== undefined ? [kplus.Metric.resourceMemory(kplus.MetricTarget.averageUtilization(r.memoryUtilization))] : []),
      ],
      scaleDown: { stabilizationWindow: Duration.minutes(5), policies: [{ replicas: kplus.Replicas.percent(50), duration: Duration.minutes(1) }] },
      scaleUp: { stabilizationWindow: Duration.seconds(0), policies: [{ replicas: kplus.Replicas.percent(100), duration: Duration.seconds(30) }] },
    });
  }
  new kplus.k8s.KubePodDisruptionBudget(chart, 'disruption-budget', {
    metadata: meta,
    spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: v.selector }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
  networkPolicy(chart, v, deployment);
}

function container(v: NaiveValues, tmp: kplus.Volume, configMap: kplus.ConfigMap | undefined): kplus.ContainerProps {
  const def = v.def;
  const ports: kplus.ContainerPort[] = [
    ...(v.port ? [{ name: v.port.name, number: v.port.number, protocol: kplus.Protocol.TCP }] : []),
    ...(v.healthPort !== undefined ? [{ name: 'health', number: v.healthPort, protocol: kplus.Protocol.TCP }] : []),
    ...(v.metricsPort !== undefined ? [{ name: 'metrics', number: v.metricsPort, protocol: kplus.Protocol.TCP }] : []),
  ];
  const envVariables: Record<string, kplus.EnvValue> = {};
  for (const name of Object.keys(v.env).sort()) envVariables[name] = kplus.EnvValue.fromValue(v.env[name]);
  const probePort = v.port?.number ?? v.healthPort;
  const r = v.resources;
  return {
    name: def.name,
    image: def.image,
    imagePullPolicy: v.imagePullPolicy === 'Always' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT,
    ...(def.command ? { command: [...def.command] } : {}),
    ...(def.args ? { args: [...def.args] } : {}),
    ...(ports.length ? { ports } : {}),
    envVariables,
    ...(configMap ? { envFrom: [kplus.Env.fromConfigMap(configMap)] } : {}),
    resources: {
      cpu: { request: cpu(r.cpu!), ...(r.cpuLimit ? { limit: cpu(r.cpuLimit) } : {}) },
      memory: { request: size(r.memory!), limit: size(r.memoryLimit!) },
      // plus-28 writes ephemeral storage in whole GiB only, so the 64Mi request cannot be expressed.
      ephemeralStorage: { limit: size(r.ephemeralStorageLimit!) },
    },
    ...(v.health ? probes(v.health, probePort) : {}),
    ...(v.preStopSeconds > 0 ? { lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', String(v.preStopSeconds)]) } } : {}),
    securityContext: {
      ensureNonRoot: true,
      user: v.runAsUser,
      group: v.runAsUser,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: !(def.security?.writableRootFilesystem ?? false),
      capabilities: { drop: [kplus.Capability.ALL] },
      seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
    volumeMounts: [{ path: '/tmp', volume: tmp }],
  };
}

function probes(health: HealthCheck, port: number | undefined): Pick<kplus.ContainerProps, 'readiness' | 'liveness' | 'startup'> {
  if (health.kind === 'none') return {};
  const timing = (period: number, failureThreshold: number) => ({
    periodSeconds: Duration.seconds(period),
    timeoutSeconds: Duration.seconds(health.timeoutSeconds ?? 2),
    failureThreshold,
  });
  const make = (liveness: boolean, t: ReturnType<typeof timing>): kplus.Probe => {
    switch (health.kind) {
      case 'http':
        return kplus.Probe.fromHttpGet(liveness ? (health.livenessPath ?? health.path) : health.path, { port, ...t });
      case 'exec':
        return kplus.Probe.fromCommand([...(liveness ? (health.livenessCommand ?? health.command) : health.command)], t);
      default: // 'tcp', and 'grpc', which cdk8s-plus-28 cannot express
        return kplus.Probe.fromTcpSocket({ port, ...t });
    }
  };
  return { readiness: make(false, timing(5, 3)), liveness: make(true, timing(10, 6)), startup: make(true, timing(5, 24)) };
}

/** Default deny both ways, DNS egress, then the declared peers, through plus's peer constructs. */
function networkPolicy(scope: Construct, v: NaiveValues, selector: kplus.IPodSelector): void {
  const policy = new kplus.NetworkPolicy(scope, 'network-policy', {
    metadata: { name: v.def.name, namespace: v.namespace, labels: v.labels, annotations: v.annotations },
    selector,
    ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
    egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
  });
  const dns = kplus.Pods.select(scope, 'dns', {
    labels: { 'k8s-app': 'kube-dns' },
    namespaces: kplus.Namespaces.select(scope, 'dns-ns', { names: ['kube-system'] }),
  });
  policy.addEgressRule(dns, [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)]);
  const net = v.def.network ?? {};
  (net.ingress ?? []).forEach((peer, i) => {
    const port = peer.port ?? v.port?.number;
    policy.addIngressRule(plusPeer(scope, `ingress-${i}`, peer, v.namespace), port !== undefined ? [kplus.NetworkPolicyPort.tcp(port)] : undefined);
  });
  (net.egress ?? []).forEach((peer, i) => {
    policy.addEgressRule(plusPeer(scope, `egress-${i}`, peer, v.namespace), peer.port !== undefined ? [kplus.NetworkPolicyPort.tcp(peer.port)] : undefined);
  });
}

function plusPeer(
  scope: Construct,
  id: string,
  peer: NonNullable<NonNullable<NaiveValues['def']['network']>['egress']>[number],
  namespace: string,
): kplus.INetworkPolicyPeer {
  switch (peer.kind) {
    case 'cidr':
      return kplus.NetworkPolicyIpBlock.ipv4(scope, id, peer.cidr);
    case 'namespace':
      return kplus.Namespaces.select(scope, id, { names: [peer.namespace] });
    case 'app':
      return kplus.Pods.select(scope, id, {
        labels: { 'app.kubernetes.io/name': peer.app },
        namespaces: kplus.Namespaces.select(scope, `${id}-ns`, { names: [peer.namespace ?? namespace] }),
      });
  }
}

/** '250m' -> 250 millicores, '2' -> 2 cores: the quantity strings of the fleet as plus's types. */
function cpu(quantity: string): kplus.Cpu {
  return quantity.endsWith('m') ? kplus.Cpu.millis(Number(quantity.slice(0, -1))) : kplus.Cpu.units(Number(quantity));
}

function size(quantity: string): Size {
  if (quantity.endsWith('Gi')) return Size.gibibytes(Number(quantity.slice(0, -2)));
  if (quantity.endsWith('Mi')) return Size.mebibytes(Number(quantity.slice(0, -2)));
  throw new Error(`bug: the synthetic fleet uses only Mi and Gi quantities, got '${quantity}'`);
}
