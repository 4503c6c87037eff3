import { Environment } from '../model/environment';
import { PLATFORM_DEFAULTS } from './platform-defaults';

/** Whether an environment serves production traffic: its own say, else its name. */
export function isProduction(env: Pick<Environment, 'name' | 'production'>): boolean {
  return env.production ?? (PLATFORM_DEFAULTS.productionEnvironmentNames as readonly string[]).includes(env.name);
}
