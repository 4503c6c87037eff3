import { UsageError } from '../internal/errors';
import { SourcedApp } from '../model/app-definition';
import { ResolvedApp } from '../model/resolved-app';

/**
 * The part of the fleet one synth renders and replaces (`platform synth --env dev --team shop`), so
 * a CI matrix can give each environment its own runner. Every environment listed, and only the
 * given team's share of them when a team is given.
 */
export interface Shard {
  readonly environments: readonly string[];
  /** @default - every team */
  readonly team?: string;
}

/**
 * Refuses an environment that apps/environments.ts does not declare and a team that has no app,
 * naming the flag, the value and what is known: a typo must not synthesize nothing and succeed.
 */
export function checkShard(shard: Shard, environments: readonly { readonly name: string }[], apps: readonly SourcedApp[]): void {
  const known = environments.map((e) => e.name);
  if (shard.environments.length === 0) throw new UsageError('E_SYNTH_SHARD', `--env: no environment given. Fix: name one of ${known.join(', ')}`);
  for (const env of shard.environments) {
    if (!known.includes(env)) {
      throw new UsageError(
        'E_SYNTH_SHARD',
        `--env '${env}': apps/environments.ts declares no such environment (known: ${known.join(', ')}). Fix: name one of them, or declare it in apps/environments.ts`,
      );
    }
  }
  if (shard.team === undefined) return;
  const teams = [...new Set(apps.map((a) => a.definition.team))].sort();
  if (!teams.includes(shard.team)) {
    throw new UsageError(
      'E_SYNTH_SHARD',
      `--team '${shard.team}': no app under apps/ belongs to this team (known: ${teams.join(', ') || 'none'}). Fix: name one of them, or leave out --team`,
    );
  }
}

/** The app in this environment is rendered by the shard. */
export function inShard(shard: Shard, app: Pick<ResolvedApp, 'environment' | 'team'>): boolean {
  return shard.environments.includes(app.environment) && (shard.team === undefined || shard.team === app.team);
}

/**
 * The output file (relative path) belongs to the shard: an environment's folder and its Argo CD
 * folder and root Application, or, with a team, the team's folder and Argo CD Application in each.
 * Kustomizations and the catalog aggregate several shards and are laid out again from the merged tree.
 */
export function ownedByShard(shard: Shard, path: string): boolean {
  return shard.environments.some((env) =>
    shard.team === undefined
      ? path.startsWith(`${env}/`) || path.startsWith(`argocd/${env}/`) || path === `argocd/bootstrap/${env}.yaml`
      : path.startsWith(`${env}/${shard.team}/`) || path === `argocd/${env}/${shard.team}.yaml`,
  );
}
