import { ObjectRule, Violation } from '../rule';

interface CronJobSpec {
  readonly startingDeadlineSeconds?: number;
  readonly jobTemplate?: { readonly spec?: { readonly activeDeadlineSeconds?: number } };
}

export const cronjobDeadlines: ObjectRule = {
  id: 'cronjob-deadlines',
  scope: 'object',
  severity: 'error',
  finding: 'a CronJob has no starting or running deadline',
  why: 'without startingDeadlineSeconds a controller outage replays missed runs at once; without activeDeadlineSeconds a hung run blocks every later one',
  fix: 'set spec.startingDeadlineSeconds and spec.jobTemplate.spec.activeDeadlineSeconds (the scheduled-task stack sets 300 and 3600)',
  admission: {
    cel: { expression: "object.kind != 'CronJob' || (has(object.spec.startingDeadlineSeconds) && has(object.spec.jobTemplate.spec.activeDeadlineSeconds))" },
  },
  check: (object) => {
    if (object.kind !== 'CronJob') return [];
    const spec = (object as { spec?: CronJobSpec }).spec;
    const out: Violation[] = [];
    if (spec?.startingDeadlineSeconds === undefined) out.push({ field: 'spec.startingDeadlineSeconds', message: 'the CronJob has no startingDeadlineSeconds' });
    if (spec?.jobTemplate?.spec?.activeDeadlineSeconds === undefined) {
      out.push({ field: 'spec.jobTemplate.spec.activeDeadlineSeconds', message: "the CronJob's jobs have no activeDeadlineSeconds" });
    }
    return out;
  },
};
