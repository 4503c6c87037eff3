import { Replicas } from '../../lib/model/replicas';
import { Volume } from '../../lib/model/volume';
import { NetworkGraph } from '../../lib/network/reachability';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { buildChart } from '../../lib/stacks/build-chart';
import { StatefulService } from '../../lib/stacks/stateful-service';
import { find, kinds, resolve, sourced, statefulDef, synthApp, testEnvironment, webDef } from '../helpers';
import { synthResolved } from '../fixtures/resolved-app';
import { cdk8sTraces } from './stack-checks';

const SELECTOR = { 'app.kubernetes.io/name': 'search-index', 'app.kubernetes.io/instance': 'search-index' };

describe('StatefulService: objects', () => {
  const manifests = synthApp(statefulDef());

  test('creates a StatefulSet, a client Service, a headless Service, PDB, NetworkPolicy and ServiceAccount', () => {
    expect(kinds(manifests)).toEqual(['NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'ServiceAccount', 'StatefulSet']);
    expect(manifests.filter((m) => m.kind === 'Service').map((m) => m.metadata.name)).toEqual(['search-index', 'search-index-headless']);
  });

  test('leaves no cdk8s.io label or annotation anywhere', () => {
    expect(cdk8sTraces(manifests)).toEqual([]);
  });

  test('scrapes the pods with a PodMonitor, never both Services', () => {
    const monitored = synthApp(statefulDef({ metricsPort: 9090 }));
    expect(kinds(monitored)).toContain('PodMonitor');
    expect(kinds(monitored)).not.toContain('ServiceMonitor');
  });

  test('exposes every part as a public field', () => {
    const stack = buildChart(resolve(statefulDef())).stack as StatefulService;
    expect(stack.statefulSet.name).toBe('search-index');
    expect(stack.service.name).toBe('search-index');
    expect(stack.headlessService.name).toBe('search-index-headless');
    expect(stack.disruptionBudget.name).toBe('search-index');
  });
});

describe('StatefulService: the StatefulSet', () => {
  const sts = find(synthApp(statefulDef()), 'StatefulSet', 'search-index');

  test('runs one pod by default, named through the headless Service, one at a time', () => {
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.serviceName).toBe('search-index-headless');
    expect(sts.spec.podManagementPolicy).toBe('OrderedReady');
    expect(sts.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(sts.spec.selector).toEqual({ matchLabels: SELECTOR });
  });

  test('claims each persistent volume once per pod, labelled only with the stable selector', () => {
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data', labels: SELECTOR },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      },
    ]);
    const pod = sts.spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    // The claim templates provide the volume: the pod lists only /tmp.
    expect(pod.volumes.map((v: { name: string }) => v.name)).toEqual(['tmp']);
  });

  test('runs as UID/GID 10001 with the volume made the group’s on a mismatch only', () => {
    const pod = sts.spec.template.spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('probes its serving port over HTTP by default', () => {
    const c = sts.spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    // Startup and liveness check only that the process answers, not the readiness path.
    expect(c.startupProbe.tcpSocket).toEqual({ port: 'http' });
  });

  test('spreads its pods over zones and nodes, counting every pod (a StatefulSet has no pod-template-hash)', () => {
    const spread = sts.spec.template.spec.topologySpreadConstraints;
    expect(spread.map((s: { topologyKey: string }) => s.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    expect(spread[0]).toEqual({
      topologyKey: 'topology.kubernetes.io/zone',
      maxSkew: 1,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: SELECTOR },
    });
  });

  test('runs the declared count and the claim class and mode the volume or environment names', () => {
    const env = testEnvironment({ profile: { storage: { storageClass: 'gp3', accessMode: 'ReadWriteOncePod' } } });
    const three = find(
      synthApp(
        statefulDef({
          replicas: Replicas.fixed(3),
          volumes: { data: Volume.persistent({ path: '/data', size: '20Gi' }), wal: Volume.persistent({ path: '/wal', size: '2Gi', storageClass: 'io2' }) },
        }),
        env,
      ),
      'StatefulSet',
      'search-index',
    );
    expect(three.spec.replicas).toBe(3);
    expect(three.spec.volumeClaimTemplates.map((t: { spec: unknown }) => t.spec)).toEqual([
      { accessModes: ['ReadWriteOncePod'], storageClassName: 'gp3', resources: { requests: { storage: '20Gi' } } },
      { accessModes: ['ReadWriteOncePod'], storageClassName: 'io2', resources: { requests: { storage: '2Gi' } } },
    ]);
  });
});

describe('StatefulService: Services and budget', () => {
  const manifests = synthApp(statefulDef());

  test('the headless Service lists every pod, ready or not, by its stable name', () => {
    expect(find(manifests, 'Service', 'search-index-headless').spec).toEqual({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: SELECTOR,
      ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }],
    });
  });

  test('the client Service balances over ready pods on a cluster IP', () => {
    expect(find(manifests, 'Service', 'search-index').spec).toEqual({
      type: 'ClusterIP',
      selector: SELECTOR,
      ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }],
    });
  });

  test('a drain may take one pod down', () => {
    expect(find(manifests, 'PodDisruptionBudget', 'search-index').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: SELECTOR },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
  });

  test('callers that depend on it reach its serving port, and no one else does', () => {
    const index = statefulDef();
    const caller = webDef({ dependsOn: [index] });
    const rendered = renderFleet({ apps: [sourced(index), sourced(caller), sourced(webDef({ name: 'other' }))], environments: [testEnvironment()] });
    const graph = new NetworkGraph(rendered.flatMap((r) => r.manifests));
    expect(graph).toAllow('shop/checkout', 'shop/search-index', 8080);
    expect(graph).not.toAllow('shop/other', 'shop/search-index', 8080);
    expect(rendered.find((r) => r.app.name === 'checkout')!.app.env).toContainEqual({
      name: 'SEARCH_INDEX_ADDR',
      value: 'search-index:8080',
    });
  });
});

describe('StatefulService: checks', () => {
  test.each([
    ['dev', 1],
    ['prod', 3],
  ])('passes schema validation and the policy pack in %s with %i pod(s)', (name, count) => {
    const app = resolve(statefulDef({ replicas: Replicas.fixed(count), metricsPort: 9090 }), testEnvironment({ name }));
    const rendered = [{ app, manifests: synthResolved(app) }];
    for (const check of defaultChecks({ now: new Date('2026-01-01') })) expect(() => check(rendered, [])).not.toThrow();
  });

  test('one pod in production fails prod-replicas, naming the alternatives', () => {
    const app = resolve(statefulDef());
    const rendered = [{ app, manifests: synthResolved(app) }];
    const failures = defaultChecks({ now: new Date('2026-01-01') }).flatMap((check) => {
      try {
        check(rendered, []);
        return [];
      } catch (e) {
        return [(e as Error).message];
      }
    });
    expect(failures.join('\n')).toContain("StatefulSet 'search-index' runs 1 pod(s): single-instance state");
    expect(failures.join('\n')).toContain('use a managed store outside the cluster, or a replicated setup');
  });

  test('a waiver of prod-replicas lets the single instance pass in production', () => {
    const app = resolve(
      statefulDef({
        waivers: [{ rule: 'prod-replicas', reason: 'the index is rebuilt from the catalog in minutes', owner: 'team-shop', expires: '2026-06-30' }],
      }),
    );
    const rendered = [{ app, manifests: synthResolved(app) }];
    for (const check of defaultChecks({ now: new Date('2026-01-01') })) expect(() => check(rendered, [])).not.toThrow();
  });
});
