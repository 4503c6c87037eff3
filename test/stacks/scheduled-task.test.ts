import { JsonPatch } from 'cdk8s';
import { Manifest } from '../../lib/manifest/manifest';
import { buildChart } from '../../lib/stacks/build-chart';
import { ScheduledTask } from '../../lib/stacks/scheduled-task';
import { find, kinds, synthApp, taskDef, testEnvironment } from '../helpers';
import { cdk8sTraces, standardLabels } from './stack-checks';
import { resolvedScheduledTask } from '../fixtures/resolved-app';

describe('ScheduledTask: objects', () => {
  test('creates only a CronJob, a ServiceAccount and a NetworkPolicy', () => {
    expect(kinds(synthApp(taskDef()))).toEqual(['CronJob', 'NetworkPolicy', 'ServiceAccount']);
  });

  test('adds a ConfigMap when configured', () => {
    expect(kinds(synthApp(taskDef({ config: { BUCKET: 'reports' } })))).toEqual(['ConfigMap', 'CronJob', 'NetworkPolicy', 'ServiceAccount']);
  });

  test('names every object after the app', () => {
    const manifests = synthApp(taskDef({ config: { BUCKET: 'reports' } }));
    expect(manifests.map((m) => m.metadata.name)).toEqual(manifests.map(() => 'report'));
  });

  test('leaves no cdk8s.io label or annotation anywhere', () => {
    expect(cdk8sTraces(synthApp(taskDef({ config: { BUCKET: 'reports' } })))).toEqual([]);
  });

  test("labels every object, the Job template and the pods with the standard labels, component 'task'", () => {
    const manifests = synthApp(taskDef());
    for (const m of manifests) expect(m.metadata.labels).toEqual(standardLabels('report', 'task', '1.0.0'));
    const cronJob = find(manifests, 'CronJob', 'report');
    expect(cronJob.spec.jobTemplate.metadata.labels).toEqual(standardLabels('report', 'task', '1.0.0'));
    expect(cronJob.spec.jobTemplate.spec.template.metadata.labels).toEqual(standardLabels('report', 'task', '1.0.0'));
  });
});

describe('ScheduledTask: the CronJob', () => {
  const cronJob = find(synthApp(taskDef()), 'CronJob', 'report');

  test('runs on the schedule, in UTC by default', () => {
    expect(cronJob.spec.schedule).toBe('0 6 * * *');
    expect(cronJob.spec.timeZone).toBe('Etc/UTC');
  });

  test('never overlaps a run with the previous one', () => {
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
  });

  test('gives up on a run missed by more than 300 s', () => {
    expect(cronJob.spec.startingDeadlineSeconds).toBe(300);
  });

  test('retries a failed run twice, kills it after an hour and removes it after a day', () => {
    expect(cronJob.spec.jobTemplate.spec.backoffLimit).toBe(2);
    expect(cronJob.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(3600);
    expect(cronJob.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBe(86400);
  });

  test('keeps three successful and three failed Jobs', () => {
    expect(cronJob.spec.successfulJobsHistoryLimit).toBe(3);
    expect(cronJob.spec.failedJobsHistoryLimit).toBe(3);
  });

  test('restarts a failed container in place (restartPolicy OnFailure)', () => {
    expect(cronJob.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('is not suspended by default', () => {
    expect(cronJob.spec.suspend).toBe(false);
  });

  test('does not spread its pods', () => {
    expect(cronJob.spec.jobTemplate.spec.template.spec).not.toHaveProperty('topologySpreadConstraints');
  });

  test('writes the declared time zone, deadlines and policy', () => {
    const custom = find(
      synthApp(
        taskDef({
          timeZone: 'Europe/Berlin',
          startingDeadlineSeconds: 60,
          activeDeadlineSeconds: 900,
          backoffLimit: 0,
          ttlSecondsAfterFinished: 600,
          concurrencyPolicy: 'Replace',
        }),
      ),
      'CronJob',
      'report',
    );
    expect(custom.spec.timeZone).toBe('Europe/Berlin');
    expect(custom.spec.startingDeadlineSeconds).toBe(60);
    expect(custom.spec.concurrencyPolicy).toBe('Replace');
    expect(custom.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(900);
    expect(custom.spec.jobTemplate.spec.backoffLimit).toBe(0);
    expect(custom.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBe(600);
  });

  test('suspends the task and changes its schedule in the environments whose override says so', () => {
    const def = taskDef({ environments: { staging: { suspend: true, schedule: '0 7 * * *' } } });
    const staging = find(synthApp(def, testEnvironment({ name: 'staging' })), 'CronJob', 'report');
    expect(staging.spec.suspend).toBe(true);
    expect(staging.spec.schedule).toBe('0 7 * * *');
    const prod = find(synthApp(def), 'CronJob', 'report');
    expect(prod.spec.suspend).toBe(false);
    expect(prod.spec.schedule).toBe('0 6 * * *');
  });
});

describe('ScheduledTask: public fields', () => {
  test('exposes the synthesized CronJob, ServiceAccount and NetworkPolicy', () => {
    const { chart, stack } = buildChart(resolvedScheduledTask());
    const task = stack as ScheduledTask;
    const manifests = chart.toJson() as Manifest[];
    expect(task).toBeInstanceOf(ScheduledTask);
    expect(task.cronJob.toJson()).toEqual(find(manifests, 'CronJob', 'report'));
    expect(task.serviceAccount.toJson()).toEqual(find(manifests, 'ServiceAccount', 'report'));
    expect(task.networkPolicy.toJson()).toEqual(find(manifests, 'NetworkPolicy', 'report'));
    expect(task.cronJob.node.id).toBe('cron-job');
  });

  test('shows a JSON patch on stack.cronJob in the output (the escape hatch)', () => {
    const { chart, stack } = buildChart(resolvedScheduledTask());
    (stack as ScheduledTask).cronJob.addJsonPatch(JsonPatch.replace('/spec/successfulJobsHistoryLimit', 1));
    expect(find(chart.toJson() as Manifest[], 'CronJob', 'report').spec.successfulJobsHistoryLimit).toBe(1);
  });
});
