/** Days each month can have (February in a leap year: '0 0 29 2 *' fires every four years). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Whether a valid five-field schedule ever fires. Kubernetes accepts '0 0 30 2 *' (30 February)
 * and the CronJob then never runs, silently. With a weekday given too, cron fires on the day of
 * the month OR the weekday, so such a schedule always fires; macros ('@daily') always do.
 */
export function cronEverFires(schedule: string): boolean {
  if (schedule.startsWith('@')) return true;
  const [, , dayOfMonth, month, weekday] = schedule.trim().split(/\s+/);
  if (weekday !== '*' || dayOfMonth === '*') return true;
  const days = expand(dayOfMonth, 1, 31);
  return expand(month, 1, 12, MONTHS).some((m) => days.some((d) => d <= DAYS_IN_MONTH[m - 1]));
}

/** The values a cron field (already checked by isCron) stands for. */
function expand(field: string, min: number, max: number, names: readonly string[] = []): number[] {
  const value = (v: string) => (/^\d+$/.test(v) ? Number(v) : names.indexOf(v.toLowerCase()) + min);
  const out: number[] = [];
  for (const part of field.split(',')) {
    const [range, step = '1'] = part.split('/');
    const [start, end] = range === '*' ? [min, max] : [value(range.split('-')[0]), value(range.split('-')[1] ?? (part.includes('/') ? String(max) : range))];
    for (let v = start; v <= end; v += Number(step)) out.push(v);
  }
  return out;
}
