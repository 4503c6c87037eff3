import { PLATFORM_DEFAULTS } from './platform-defaults';

/**
 * The environments that serve production when nothing else says so: for checks that see only
 * rendered objects and no apps/environments.ts (the cdk8s validation plugin). Everywhere else,
 * `ResolvedEnvironment.production` decides.
 */
export function defaultProductionEnvironments(): readonly string[] {
  return PLATFORM_DEFAULTS.productionEnvironmentNames;
}
