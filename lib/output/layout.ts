import { ResolvedApp } from '../model/resolved-app';

/**
 * Where an app's objects go: one file per app per environment, `<env>/<team>/<app>.yaml`.
 * One file per app keeps a stack together in review (a change to one app is one file per
 * environment) and mirrors `apps/<team>/<app>.ts`, so CODEOWNERS rules can match both.
 */
export function appFilePath(app: Pick<ResolvedApp, 'environment' | 'team' | 'name'>): string {
  return `${app.environment}/${app.team}/${app.name}.yaml`;
}
