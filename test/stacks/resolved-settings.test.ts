import { ResolvedApp } from '../../lib/model/resolved-app';
import { buildChart } from '../../lib/stacks/build-chart';
import { Manifest } from '../../lib/manifest/manifest';
import { Replicas } from '../../lib/model/replicas';
import { find } from '../helpers';
import { resolvedScheduledTask, resolvedWebService, resolvedWorker } from '../fixtures/resolved-app';

/** Synthesizes an app resolved as usual, then changed the way a platform team would change a default. */
function synthWith(app: ResolvedApp, change: Partial<ResolvedApp>): Manifest[] {
  return buildChart({ ...app, ...change }).chart.toJson() as Manifest[];
}

test('platform explain lists the platform-only settings with their layer', () => {
  const app = resolvedWebService({ replicas: Replicas.autoscale({ min: 2, max: 6 }) });
  const fields = [
    'rollout.maxUnavailable',
    'replicas.behavior.scaleDown.stabilizationWindowSeconds',
    'unhealthyPodEvictionPolicy',
    'topologySpread.topologyKeys',
    'scratchSize',
  ];
  expect(fields.map((f) => [f, app.provenance[f], app.settings[f]])).toEqual([
    ['rollout.maxUnavailable', 'platform', 0],
    ['replicas.behavior.scaleDown.stabilizationWindowSeconds', 'platform', 300],
    ['unhealthyPodEvictionPolicy', 'platform', 'AlwaysAllow'],
    ['topologySpread.topologyKeys', 'platform', ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']],
    ['scratchSize', 'platform', '64Mi'],
  ]);
  expect(resolvedScheduledTask().provenance.successfulJobsHistoryLimit).toBe('platform');
});

describe('the stacks take the golden-path settings from the resolved app, not constants of their own', () => {
  test('rollout: history, surge and loss', () => {
    const app = resolvedWorker();
    expect(app.rollout).toEqual({ strategy: 'RollingUpdate', revisionHistoryLimit: 5, maxSurge: '25%', maxUnavailable: '25%' });
    const spec = find(
      synthWith(app, { rollout: { strategy: 'RollingUpdate', revisionHistoryLimit: 2, maxSurge: '1', maxUnavailable: 1 } }),
      'Deployment',
      'mailer',
    ).spec;
    expect(spec.revisionHistoryLimit).toBe(2);
    expect(spec.strategy.rollingUpdate).toEqual({ maxSurge: '1', maxUnavailable: 1 });
  });

  test('a web service is resolved never to lose pods in a rollout, a worker a quarter at a time', () => {
    expect(resolvedWebService().rollout).toMatchObject({ maxUnavailable: 0 });
    expect(resolvedWorker().rollout).toMatchObject({ maxUnavailable: '25%' });
    expect(resolvedScheduledTask().rollout).toBeUndefined();
  });

  test('autoscaler behaviour', () => {
    const app = resolvedWebService({ replicas: Replicas.autoscale({ min: 2, max: 6 }) });
    if (app.replicas?.kind !== 'autoscale') throw new Error('expected autoscaling');
    const fast = { stabilizationWindowSeconds: 10, percent: 200, periodSeconds: 15 };
    const behavior = find(
      synthWith(app, { replicas: { ...app.replicas, behavior: { scaleUp: fast, scaleDown: fast } } }),
      'HorizontalPodAutoscaler',
      'checkout',
    ).spec.behavior;
    expect(behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 10, policies: [{ type: 'Percent', value: 200, periodSeconds: 15 }] });
    expect(behavior.scaleUp).toEqual(behavior.scaleDown);
  });

  test('disruption budget: unhealthy pod eviction', () => {
    const app = resolvedWebService();
    expect(app.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
    expect(find(synthWith(app, { unhealthyPodEvictionPolicy: 'IfHealthyBudget' }), 'PodDisruptionBudget', 'checkout').spec.unhealthyPodEvictionPolicy).toBe(
      'IfHealthyBudget',
    );
  });

  test('the size of the writable /tmp', () => {
    const app = resolvedWebService();
    expect(app.scratchSize).toBe('64Mi');
    const volumes = find(synthWith(app, { scratchSize: '256Mi' }), 'Deployment', 'checkout').spec.template.spec.volumes;
    expect(volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } });
  });

  test('finished Jobs a CronJob keeps', () => {
    const app = resolvedScheduledTask();
    expect(app.schedule).toMatchObject({ successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3 });
    const spec = find(synthWith(app, { schedule: { ...app.schedule!, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5 } }), 'CronJob', 'report').spec;
    expect([spec.successfulJobsHistoryLimit, spec.failedJobsHistoryLimit]).toEqual([1, 5]);
  });

  test('topology spread: the failure domains, skew and strictness', () => {
    const app = resolvedWebService();
    expect(app.topologySpread).toEqual({
      topologyKeys: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'],
      maxSkew: 1,
      whenUnsatisfiable: 'ScheduleAnyway',
    });
    const constraints = find(
      synthWith(app, { topologySpread: { topologyKeys: ['kubernetes.io/hostname'], maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' } }),
      'Deployment',
      'checkout',
    ).spec.template.spec.topologySpreadConstraints;
    expect(constraints).toEqual([
      expect.objectContaining({ topologyKey: 'kubernetes.io/hostname', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['pod-template-hash'] }),
    ]);
  });
});
