import { UsageError } from '../../internal/errors';
import { parseReleases } from '../../environments/releases';
import { EXIT } from '../exit-codes';
import { Io } from '../io';
import { findApp, findEnvironment } from './find-app';
import { openReleaseFile, releaseKey, writePin } from './release-edit';

export interface PromoteOptions {
  readonly root: string;
  readonly app: string;
  readonly from: string;
  readonly to: string;
  /** A sidecar or init container of the app. @default - the app's own image */
  readonly container?: string;
}

/** `platform promote <app> --from staging --to prod`: copy one environment's pin to the next. */
export function promoteCommand(options: PromoteOptions, io: Io): number {
  const ctx = openReleaseFile(options.root, io);
  const app = findApp(ctx.apps, options.app, ctx.unloaded);
  const from = findEnvironment(ctx.environments, options.from, '--from');
  const to = findEnvironment(ctx.environments, options.to, '--to');
  if (from.name === to.name) throw new UsageError('E_USAGE', '--from and --to name the same environment');
  const releases = parseReleases(ctx.text, ctx.shown, ctx);
  const team = app.definition.team;
  const name = releaseKey(app, options.container);
  const pin = releases.doc.getIn([team, name, from.name]);
  if (typeof pin !== 'string') {
    throw new UsageError(
      'E_NOTHING_TO_PROMOTE',
      `${ctx.shown} has no pin for ${team}/${name} in ${from.name}. Fix: run 'platform set-image ${app.definition.name}${options.container !== undefined ? ` --container ${options.container}` : ''} --env ${from.name} --tag <tag>' first`,
    );
  }
  writePin(ctx, app, to.name, pin, io, options.container);
  return EXIT.ok;
}
