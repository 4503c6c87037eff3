import { PreStop } from '../model/shutdown';
import { ResolvedApp } from '../model/resolved-app';
import { PLATFORM_DEFAULTS } from './platform-defaults';
import { isList, isNonNegativeInt, ResolveContext } from './resolve-context';

/**
 * The grace period and the preStop hook. The platform only ever chooses a hook that runs on every
 * image: Kubernetes' own `sleep` action, where the environment has it (1.30+); below, no hook
 * (an exec `sleep` fails on distroless images). An app that wants a delay there says how
 * (`Shutdown.exec`). The grace period must exceed the delay, or the app is killed before SIGTERM.
 */
export function resolveShutdown(ctx: ResolveContext): ResolvedApp['shutdown'] {
  const { def, env, prov, problems } = ctx;
  const own = def.shutdown;
  const gracePeriodSeconds = prov.pick('shutdown.gracePeriodSeconds', ['platform', PLATFORM_DEFAULTS.gracePeriodSeconds], ['app', own?.gracePeriodSeconds]);
  if (!isNonNegativeInt(gracePeriodSeconds)) {
    problems.add({
      code: 'E_SHUTDOWN',
      field: 'shutdown.gracePeriodSeconds',
      value: gracePeriodSeconds,
      message: 'must be a whole number of seconds, 0 or more',
      fix: 'e.g. 30',
    });
  }
  if (own?.preStop !== undefined && own.preStopSeconds !== undefined) {
    problems.add({
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStopSeconds',
      value: own.preStopSeconds,
      message: 'is set together with shutdown.preStop',
      fix: 'keep shutdown.preStop alone',
    });
  }
  const sleep = env.kubernetes.preStopSleep;
  const platformDefault: PreStop = def.kind === 'web-service' && sleep ? { kind: 'sleep', seconds: PLATFORM_DEFAULTS.webPreStopSeconds } : { kind: 'none' };
  const fromSeconds = preStopFromSeconds(ctx, own?.preStopSeconds);
  const field = own?.preStop !== undefined ? 'shutdown.preStop' : 'shutdown.preStopSeconds';
  const preStop = prov.pick<PreStop>('shutdown.preStop', ['platform', platformDefault], ['app', fromSeconds], ['app', own?.preStop]);
  const resolved = checkPreStop(ctx, field, preStop);
  const delay = resolved.kind === 'none' ? 0 : (resolved.seconds ?? 0);
  if (isNonNegativeInt(gracePeriodSeconds) && delay > 0 && delay >= gracePeriodSeconds) {
    const chosenByApp = prov.origins['shutdown.preStop'] === 'app';
    problems.add({
      code: 'E_SHUTDOWN',
      // Point at what the app wrote: its preStop, or (when the delay is the platform's) its grace period.
      field: chosenByApp ? field : 'shutdown.gracePeriodSeconds',
      value: chosenByApp ? delay : gracePeriodSeconds,
      message: chosenByApp
        ? `delays shutdown ${delay}s, which must be less than shutdown.gracePeriodSeconds (${gracePeriodSeconds}), or the app is killed before it sees SIGTERM`
        : `must exceed the default preStop delay of a web service (${delay}s), or the app is killed before it sees SIGTERM`,
      fix: chosenByApp ? 'shorten the preStop delay or raise gracePeriodSeconds' : 'raise gracePeriodSeconds, or set shutdown.preStop: Shutdown.none()',
    });
  }
  return { gracePeriodSeconds, preStop: resolved };
}

/**
 * `preStopSeconds`, as it has always meant: a `sleep` before SIGTERM the app asked for. The sleep
 * action where the environment has it; below, the `sleep` command its documentation says the image
 * needs (the app wrote it, so the platform keeps it; Shutdown.none() is the way out).
 */
function preStopFromSeconds(ctx: ResolveContext, seconds: number | undefined): PreStop | undefined {
  if (seconds === undefined) return undefined;
  if (!isNonNegativeInt(seconds)) {
    ctx.problems.add({
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStopSeconds',
      value: seconds,
      message: 'must be a whole number of seconds, 0 or more',
      fix: 'e.g. 5',
    });
    return { kind: 'none' };
  }
  if (seconds === 0) return { kind: 'none' };
  return ctx.env.kubernetes.preStopSleep ? { kind: 'sleep', seconds } : { kind: 'exec', command: ['sleep', String(seconds)], seconds };
}

function checkPreStop(ctx: ResolveContext, field: string, preStop: PreStop): ResolvedApp['shutdown']['preStop'] {
  const { env, problems } = ctx;
  const seconds = (value: unknown, at: string) => {
    if (isNonNegativeInt(value)) return true;
    problems.add({ code: 'E_SHUTDOWN', field: at, value, message: 'must be a whole number of seconds, 0 or more', fix: 'e.g. 5' });
    return false;
  };
  switch (preStop?.kind) {
    case 'none':
      return { kind: 'none' };
    case 'sleep':
      if (!seconds(preStop.seconds, field === 'shutdown.preStop' ? 'shutdown.preStop.seconds' : field)) return { kind: 'none' };
      if (!env.kubernetes.preStopSleep) {
        problems.add({
          code: 'E_PRESTOP_SLEEP',
          field,
          value: preStop.seconds,
          message: `needs the preStop sleep action of Kubernetes >= 1.30; ${env.name} runs ${env.kubernetes.version.value}, where only a command in the image can wait`,
          fix: `use shutdown.preStop: Shutdown.exec(['sleep', '${preStop.seconds}'], { seconds: ${preStop.seconds} }) if the image has 'sleep', or Shutdown.none()`,
        });
        return { kind: 'none' };
      }
      return preStop.seconds === 0 ? { kind: 'none' } : { kind: 'sleep', seconds: preStop.seconds };
    case 'exec':
      if (!isList(preStop.command) || preStop.command.length === 0 || preStop.command.some((c) => typeof c !== 'string')) {
        problems.add({
          code: 'E_SHUTDOWN',
          field: `${field}.command`,
          value: preStop.command,
          message: 'must be a non-empty list of strings',
          fix: "e.g. Shutdown.exec(['/app/drain'])",
        });
        return { kind: 'none' };
      }
      if (preStop.seconds !== undefined && !seconds(preStop.seconds, `${field}.seconds`)) return { kind: 'none' };
      return { kind: 'exec', command: [...preStop.command], ...(preStop.seconds !== undefined ? { seconds: preStop.seconds } : {}) };
    default:
      problems.add({
        code: 'E_SHUTDOWN',
        field: `${field}.kind`,
        value: (preStop as { kind?: unknown })?.kind ?? null,
        message: "must be 'sleep', 'exec' or 'none'",
        fix: 'build it with Shutdown.sleep(), Shutdown.exec() or Shutdown.none()',
      });
      return { kind: 'none' };
  }
}
