/**
 * Which time zone names this run found valid. One Intl.DateTimeFormat costs about 0.2 ms, and a
 * fleet's scheduled tasks name a handful of zones thousands of times (every task has one, the
 * platform's default at least), so each name is asked once per run. Per run, not per process,
 * as every memo of the pipeline (no module-level state).
 */
export class TimeZones {
  private readonly known = new Map<string, boolean>();

  /** An exact IANA zone name, as Kubernetes looks it up. */
  isValid(zone: unknown): boolean {
    if (typeof zone !== 'string') return false;
    let valid = this.known.get(zone);
    if (valid === undefined) {
      valid = isTimeZone(zone);
      this.known.set(zone, valid);
    }
    return valid;
  }
}

function isTimeZone(zone: string): boolean {
  // Kubernetes looks zones up by exact IANA name; Intl also takes 'europe/berlin' (and, in newer Node, offsets).
  if (!/^[A-Z][\w+-]*(\/[A-Z][\w+-]*)*$/.test(zone)) return false;
  try {
    const canonical = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    return canonical === zone || canonical.toLowerCase() !== zone.toLowerCase();
  } catch {
    return false;
  }
}
