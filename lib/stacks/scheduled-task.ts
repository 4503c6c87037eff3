import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { addSleepAction } from '../workload/extra-containers';
import { podTemplate } from '../workload/pod-template';
import { AppStack, AppStackProps } from './app-stack';

/**
 * A CronJob that never overlaps itself, gives up on runs it missed by too long, kills runs that
 * hang, retries a bounded number of times and cleans up finished Jobs.
 */
export class ScheduledTask extends AppStack {
  readonly cronJob: k8s.KubeCronJob;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'scheduled-task');
    const { app } = props;
    const s = app.schedule;
    if (!s) throw new Error(`bug: ${app.source}: scheduled task resolved without a schedule`);
    this.cronJob = new k8s.KubeCronJob(this, 'cron-job', {
      metadata: appMetadata(app),
      spec: {
        schedule: s.schedule,
        timeZone: s.timeZone,
        suspend: s.suspend,
        concurrencyPolicy: s.concurrencyPolicy,
        startingDeadlineSeconds: s.startingDeadlineSeconds,
        successfulJobsHistoryLimit: s.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: s.failedJobsHistoryLimit,
        jobTemplate: {
          metadata: { labels: { ...app.labels } },
          spec: {
            backoffLimit: s.backoffLimit,
            activeDeadlineSeconds: s.activeDeadlineSeconds,
            ttlSecondsAfterFinished: s.ttlSecondsAfterFinished,
            template: podTemplate(app, { spread: false, restartPolicy: s.restartPolicy }),
          },
        },
      },
    });
    addSleepAction(this.cronJob, app.shutdown.preStop, '/spec/jobTemplate/spec/template');
  }
}
