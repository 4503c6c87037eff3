import { ResolvedSchedule } from '../model/resolved-app';
import { isNonNegativeInt, isPositiveInt, ResolveContext } from './resolve-context';
import { PLATFORM_DEFAULTS } from './platform-defaults';

const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$|^[A-Za-z]{3}(-[A-Za-z]{3})?(,[A-Za-z]{3})*$/;
const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** The CronJob's schedule and deadlines; all explicit so a run never hangs or piles up unseen. */
export function resolveSchedule(ctx: ResolveContext): ResolvedSchedule | undefined {
  const { def, override, prov, problems } = ctx;
  if (def.kind !== 'scheduled-task') return undefined;
  const d = PLATFORM_DEFAULTS.task;
  const schedule = prov.pick('schedule', ['app', def.schedule], ['override', override.schedule]);
  if (!isCron(schedule)) {
    problems.add({ code: 'E_SCHEDULE', field: 'schedule', value: schedule, message: 'is not a five-field cron expression', fix: "e.g. '0 6 * * *' for 06:00 daily" });
  }
  const timeZone = prov.pick('timeZone', ['platform', d.timeZone], ['app', def.timeZone]);
  if (!isTimeZone(timeZone)) {
    problems.add({ code: 'E_TIMEZONE', field: 'timeZone', value: timeZone, message: 'is not an IANA time zone', fix: "e.g. 'Europe/Berlin' or 'Etc/UTC'" });
  }
  const seconds = (field: 'startingDeadlineSeconds' | 'activeDeadlineSeconds' | 'ttlSecondsAfterFinished') => {
    const value = prov.pick(field, ['platform', d[field]], ['app', def[field]]);
    if (!isPositiveInt(value)) problems.add({ code: 'E_DEADLINE', field, value, message: 'must be a whole number of seconds greater than 0', fix: `e.g. ${d[field]}` });
    return value;
  };
  const backoffLimit = prov.pick('backoffLimit', ['platform', d.backoffLimit], ['app', def.backoffLimit]);
  if (!isNonNegativeInt(backoffLimit)) {
    problems.add({ code: 'E_BACKOFF', field: 'backoffLimit', value: backoffLimit, message: 'must be a whole number of at least 0', fix: 'e.g. 2' });
  }
  const concurrencyPolicy = prov.pick<'Forbid' | 'Replace'>('concurrencyPolicy', ['platform', d.concurrencyPolicy], ['app', def.concurrencyPolicy]);
  if (concurrencyPolicy !== 'Forbid' && concurrencyPolicy !== 'Replace') {
    problems.add({ code: 'E_CONCURRENCY', field: 'concurrencyPolicy', value: concurrencyPolicy, message: "must be 'Forbid' or 'Replace'", fix: "overlapping runs ('Allow') are not on the golden path" });
  }
  return {
    schedule,
    timeZone,
    suspend: prov.pick('suspend', ['platform', false], ['override', override.suspend]),
    startingDeadlineSeconds: seconds('startingDeadlineSeconds'),
    activeDeadlineSeconds: seconds('activeDeadlineSeconds'),
    backoffLimit,
    ttlSecondsAfterFinished: seconds('ttlSecondsAfterFinished'),
    concurrencyPolicy,
  };
}

function isCron(schedule: unknown): boolean {
  if (typeof schedule !== 'string') return false;
  if (MACROS.has(schedule)) return true;
  const fields = schedule.trim().split(/\s+/);
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}

function isTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
