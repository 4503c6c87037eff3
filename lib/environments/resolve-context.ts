import { Problems } from '../internal/errors';
import { AppDefinition, AppOverride } from '../model/app-definition';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { Provenance } from './provenance';
import { TimeZones } from './time-zones';

/** What every part of resolution reads: the layers, and where to record choices and problems. */
export interface ResolveContext {
  readonly def: AppDefinition;
  /** The environment, resolved once: apps read its values and never its raw settings. */
  readonly env: ResolvedEnvironment;
  readonly override: AppOverride;
  readonly prov: Provenance;
  readonly problems: Problems;
  /** The run's memo of time zone names (shared by the apps of a run). */
  readonly timeZones: TimeZones;
}

/** Field path of an override, so messages point at the line the team wrote. */
export function overrideField(ctx: ResolveContext, field: string, fromOverride: boolean): string {
  return fromOverride ? `environments.${ctx.env.name}.${field}` : field;
}

export function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export function isNonNegativeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Array.isArray for values typed as arrays but written by hand: it keeps `readonly string[]` instead of widening it to `any[]`. */
export function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
