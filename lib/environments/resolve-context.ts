import { Problems } from '../internal/errors';
import { AppDefinition, AppOverride } from '../model/app-definition';
import { Environment, EnvironmentProfile } from '../model/environment';
import { Provenance } from './provenance';

/** What every part of resolution reads: the layers, and where to record choices and problems. */
export interface ResolveContext {
  readonly def: AppDefinition;
  readonly env: Environment;
  readonly profile: EnvironmentProfile;
  readonly override: AppOverride;
  readonly prov: Provenance;
  readonly problems: Problems;
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
