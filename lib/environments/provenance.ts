import { Origin } from '../model/resolved-app';
import { Sourced } from '../model/resolved-environment';

/** An environment's value as a layer of app resolution: `prov.pick(field, inherited(env.profile.logLevel), ['app', ...])`. */
export function inherited<T>(value: Sourced<T>): readonly [Origin, T] {
  return [value.origin, value.value];
}

/**
 * Picks each value from the highest-precedence layer that sets it and remembers which layer
 * that was, so `platform explain` can answer "why is prod at 6 replicas?".
 */
export class Provenance {
  readonly origins: Record<string, Origin> = {};
  /** The chosen value of each field in `origins`, for `platform explain`. */
  readonly values: Record<string, unknown> = {};

  /** Candidates in precedence order, lowest first; the last defined one wins. */
  pick<T>(field: string, ...candidates: readonly (readonly [Origin, T | undefined])[]): T {
    let chosen: readonly [Origin, T | undefined] | undefined;
    for (const candidate of candidates) {
      if (candidate[1] !== undefined) chosen = candidate;
    }
    if (!chosen) throw new Error(`bug: no layer sets '${field}' and the platform has no default`);
    this.origins[field] = chosen[0];
    this.values[field] = chosen[1];
    return chosen[1] as T;
  }

  /** Like `pick` where the value may legitimately be absent everywhere. */
  pickOptional<T>(field: string, ...candidates: readonly (readonly [Origin, T | undefined])[]): T | undefined {
    return candidates.some((c) => c[1] !== undefined) ? this.pick(field, ...candidates) : undefined;
  }

  /** Merges records key by key, each key remembering its own layer. */
  merge(field: string, ...layers: readonly (readonly [Origin, Readonly<Record<string, string>> | undefined])[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [origin, record] of layers) {
      for (const [key, value] of Object.entries(record ?? {})) {
        out[key] = value;
        this.origins[`${field}.${key}`] = origin;
        this.values[`${field}.${key}`] = value;
      }
    }
    return out;
  }

  /**
   * A setting only the platform decides (PLATFORM_DEFAULTS), recorded field by field under
   * `prefix` so `platform explain` lists it with the rest. Returns the value.
   */
  platform<T extends object>(prefix: string, value: T): T {
    for (const [key, field] of Object.entries(value)) {
      if (field !== null && typeof field === 'object' && !Array.isArray(field)) this.platform(`${prefix}.${key}`, field as object);
      else this.record(`${prefix}.${key}`, 'platform', field);
    }
    return value;
  }

  /** Takes over every field another Provenance recorded (a part resolved once and shared, like the GitOps settings). */
  include(other: Provenance): void {
    Object.assign(this.origins, other.origins);
    Object.assign(this.values, other.values);
  }

  /** Records a value computed from other layers (an image pin, a limit that follows a request). */
  record(field: string, origin: Origin, value?: unknown): void {
    this.origins[field] = origin;
    this.values[field] = value;
  }
}
