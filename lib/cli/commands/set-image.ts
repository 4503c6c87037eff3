import { UsageError } from '../../internal/errors';
import { formatPin, parsePin } from '../../environments/release-pin';
import { EXIT } from '../exit-codes';
import { Io } from '../io';
import { findApp, findEnvironment } from './find-app';
import { openReleaseFile, writePin } from './release-edit';

export interface SetImageOptions {
  readonly root: string;
  readonly app: string;
  readonly env: string;
  readonly tag?: string;
  readonly digest?: string;
  /** A sidecar or init container of the app, pinned as `<app>/<container>`. @default - the app's own image */
  readonly container?: string;
}

/** `platform set-image <app> [--container <name>] --env <env> --tag <tag> | --digest <digest>`: pin one image in one environment. */
export function setImageCommand(options: SetImageOptions, io: Io): number {
  if (options.tag === undefined && options.digest === undefined) {
    throw new UsageError('E_USAGE', 'set-image needs --tag <tag>, --digest <sha256:…>, or both');
  }
  const ctx = openReleaseFile(options.root, io);
  const app = findApp(ctx.apps, options.app, ctx.unloaded);
  const env = findEnvironment(ctx.environments, options.env);
  const parsed = parsePin(formatPin({ tag: options.tag, digest: options.digest }));
  if ('problem' in parsed) {
    throw new UsageError('E_PIN', `--${options.tag !== undefined ? 'tag' : 'digest'} ${parsed.problem}. Fix: ${parsed.fix}`);
  }
  writePin(ctx, app, env.name, formatPin(parsed.release), io, options.container);
  return EXIT.ok;
}
