import { ResolvedSchedule } from '../model/resolved-app';
import { isNonNegativeInt, isPositiveInt, overrideField, ResolveContext } from './resolve-context';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { cronEverFires } from './cron-fires';

const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$|^[A-Za-z]{3}(-[A-Za-z]{3})?(,[A-Za-z]{3})*$/;
const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** Bounds (and names) of the five fields, as Kubernetes' cron parser checks them: '61 * * * *' fails at apply time. */
const CRON_BOUNDS: readonly { readonly min: number; readonly max: number; readonly names?: readonly string[] }[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** The CronJob's schedule and deadlines; all explicit so a run never hangs or piles up unseen. */
export function resolveSchedule(ctx: ResolveContext): ResolvedSchedule | undefined {
  const { def, override, prov, problems } = ctx;
  if (def.kind !== 'scheduled-task') return undefined;
  const d = PLATFORM_DEFAULTS.task;
  const schedule = prov.pick('schedule', ['app', def.schedule], ['override', override.schedule]);
  if (!isCron(schedule)) {
    problems.add({
      code: 'E_SCHEDULE',
      field: overrideField(ctx, 'schedule', prov.origins.schedule === 'override'),
      value: schedule,
      message: 'is not a five-field cron expression (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-6)',
      fix: "e.g. '0 6 * * *' for 06:00 daily",
    });
  } else if (!cronEverFires(schedule)) {
    problems.add({
      code: 'E_SCHEDULE_NEVER',
      field: overrideField(ctx, 'schedule', prov.origins.schedule === 'override'),
      value: schedule,
      message: 'never fires: none of its months has that day of the month',
      fix: "choose a day every chosen month has (February has at most 29), e.g. '0 0 28 2 *'",
    });
  }
  const timeZone = prov.pick('timeZone', ['platform', d.timeZone], ['app', def.timeZone]);
  if (!ctx.timeZones.isValid(timeZone)) {
    problems.add({ code: 'E_TIMEZONE', field: 'timeZone', value: timeZone, message: 'is not an IANA time zone', fix: "e.g. 'Europe/Berlin' or 'Etc/UTC'" });
  }
  const seconds = (field: 'startingDeadlineSeconds' | 'activeDeadlineSeconds' | 'ttlSecondsAfterFinished') => {
    const value = prov.pick(field, ['platform', d[field]], ['app', def[field]]);
    if (!isPositiveInt(value))
      problems.add({ code: 'E_DEADLINE', field, value, message: 'must be a whole number of seconds greater than 0', fix: `e.g. ${d[field]}` });
    return value;
  };
  const backoffLimit = prov.pick('backoffLimit', ['platform', d.backoffLimit], ['app', def.backoffLimit]);
  if (!isNonNegativeInt(backoffLimit)) {
    problems.add({ code: 'E_BACKOFF', field: 'backoffLimit', value: backoffLimit, message: 'must be a whole number of at least 0', fix: 'e.g. 2' });
  }
  const concurrencyPolicy = prov.pick<'Forbid' | 'Replace'>('concurrencyPolicy', ['platform', d.concurrencyPolicy], ['app', def.concurrencyPolicy]);
  if (concurrencyPolicy !== 'Forbid' && concurrencyPolicy !== 'Replace') {
    problems.add({
      code: 'E_CONCURRENCY',
      field: 'concurrencyPolicy',
      value: concurrencyPolicy,
      message: "must be 'Forbid' or 'Replace'",
      fix: "overlapping runs ('Allow') are not on the golden path",
    });
  }
  const restartPolicy = prov.pick<'OnFailure' | 'Never'>('restartPolicy', ['platform', d.restartPolicy], ['app', def.restartPolicy]);
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    problems.add({
      code: 'E_RESTART_POLICY',
      field: 'restartPolicy',
      value: restartPolicy,
      message: "must be 'OnFailure' or 'Never'",
      fix: "'Never' when a retry must start in a fresh pod, else leave it out",
    });
  }
  const historyLimit = (field: 'successfulJobsHistoryLimit' | 'failedJobsHistoryLimit') => {
    const value = prov.pick(field, ['platform', d[field]], ['app', def[field]]);
    if (!isNonNegativeInt(value)) {
      problems.add({ code: 'E_HISTORY_LIMIT', field, value, message: 'must be a whole number of Jobs, 0 or more', fix: `e.g. ${d[field]}` });
    }
    return value;
  };
  return {
    schedule,
    timeZone,
    suspend: prov.pick('suspend', ['platform', false], ['override', override.suspend]),
    startingDeadlineSeconds: seconds('startingDeadlineSeconds'),
    activeDeadlineSeconds: seconds('activeDeadlineSeconds'),
    backoffLimit,
    ttlSecondsAfterFinished: seconds('ttlSecondsAfterFinished'),
    concurrencyPolicy,
    successfulJobsHistoryLimit: historyLimit('successfulJobsHistoryLimit'),
    failedJobsHistoryLimit: historyLimit('failedJobsHistoryLimit'),
    restartPolicy,
  };
}

function isCron(schedule: unknown): boolean {
  if (typeof schedule !== 'string') return false;
  if (MACROS.has(schedule)) return true;
  const fields = schedule.trim().split(/\s+/);
  return fields.length === 5 && fields.every((f, i) => CRON_FIELD.test(f) && inBounds(f, CRON_BOUNDS[i]));
}

function inBounds(field: string, { min, max, names }: (typeof CRON_BOUNDS)[number]): boolean {
  const value = (v: string) => {
    if (/^\d+$/.test(v)) return Number(v);
    const i = names?.indexOf(v.toLowerCase()) ?? -1;
    return i < 0 ? NaN : i + min;
  };
  return field.split(',').every((part) => {
    const [range, step] = part.split('/');
    if (step !== undefined && Number(step) < 1) return false;
    if (range === '*') return true;
    const [start, end = start] = range.split('-').map(value);
    return start >= min && end <= max && start <= end;
  });
}
