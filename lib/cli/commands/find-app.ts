import { UsageError } from '../../internal/errors';
import { UnloadedApp } from '../../pipeline/load-fleet';
import { SourcedApp } from '../../model/app-definition';
import { Environment } from '../../model/environment';

/** The app a command names: `name` when unique, `team/name` always. */
export function findApp(apps: readonly SourcedApp[], ref: string, unloaded: readonly UnloadedApp[] = []): SourcedApp {
  const [team, name] = ref.includes('/') ? ref.split('/', 2) : [undefined, ref];
  const matches = apps.filter((a) => a.definition.name === name && (team === undefined || a.definition.team === team));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw new UsageError(
      'E_APP_AMBIGUOUS',
      `app '${ref}' exists in several teams (${matches.map((a) => `${a.definition.team}/${name}`).join(', ')}). Fix: name it as team/app`,
    );
  }
  const broken = unloaded.find((u) => u.name === name && (team === undefined || u.team === team));
  if (broken) {
    throw new UsageError(
      'E_APP_UNLOADED',
      `app '${ref}' is defined in ${broken.source}, which does not load (${broken.problem.message}), so its pins cannot be checked. Fix: correct ${broken.problem.source ?? broken.source} first`,
    );
  }
  const known = apps.map((a) => `${a.definition.team}/${a.definition.name}`).join(', ');
  throw new UsageError('E_APP_UNKNOWN', `app '${ref}' is not in the fleet (known: ${known || 'none'}). Fix: check the name, or add apps/<team>/${name}.ts`);
}

export function findEnvironment(environments: readonly Environment[], name: string, flag = '--env'): Environment {
  const env = environments.find((e) => e.name === name);
  if (!env) {
    const known = [...new Set(environments.map((e) => e.name))].join(', ');
    throw new UsageError(
      'E_ENV_UNKNOWN',
      `${flag} '${name}' is not an environment (known: ${known}). Fix: use one of the known environments, or declare '${name}' in apps/environments.ts`,
    );
  }
  return env;
}
