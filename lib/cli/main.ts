import { Command, CommanderError } from 'commander';
import { ConfigFileError, PlatformError, UsageError } from '../internal/errors';
import type { capacityCommand } from './commands/capacity';
import type { checkCommand } from './commands/check';
import type { checkDistCommand } from './commands/check-dist';
import type { diffCommand } from './commands/diff';
import type { driftCommand } from './commands/drift';
import type { explainCommand } from './commands/explain';
import type { graphCommand } from './commands/graph';
import type { newCommand } from './commands/new';
import type { promoteCommand } from './commands/promote';
import type { reportCommand } from './commands/report';
import type { setImageCommand } from './commands/set-image';
import type { synthCommand } from './commands/synth';
import { EXIT } from './exit-codes';
import { Io, processIo } from './io';

/** Part of the contract with CI (lib/cli/exit-codes.ts), so every `--help` states it. */
const EXIT_CODES_HELP = `Exit codes:
  ${EXIT.ok}   success
  ${EXIT.findings}   invalid input (an app definition, apps/environments.ts) or failed checks or guard
  ${EXIT.usage}   wrong command line, or a configuration file (apps/releases.yaml) that is the only problem
  ${EXIT.bug}  a bug in the platform: it prints "internal error" and a stack trace; please report it
`;

/* eslint-disable @typescript-eslint/no-require-imports -- each command's module is required when
   the command runs (its functions are imported only as types): `platform --help`, `new` or
   `set-image` need none of cdk8s-plus-28, the CRD imports and the policy pack that `synth` loads. */

/**
 * The `platform` command. Returns the exit code instead of exiting, so tests call it in-process;
 * only bin/platform sets process.exitCode. User errors print without a stack; bugs with one.
 */
export function main(argv: readonly string[], io: Io = processIo): number {
  let code: number = EXIT.ok;
  const program = new Command('platform')
    .description('Golden-path Kubernetes stacks: synthesize, check and review the fleet')
    .option('--root <dir>', 'repository root', '.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError()
    .addHelpText('after', `\n${EXIT_CODES_HELP}`);
  // The global --root, read when a command runs (commander types option values as any).
  const root = (): string => program.opts<{ root: string }>().root;

  program
    .command('synth')
    .description('render every app in every environment and replace dist/ in one step')
    .option('--out <dir>', 'output folder (default: <root>/dist)')
    .option('--mirror <dir>', 'also copy the tree here (the cdk8s CLI output folder)')
    .option('--allow-drop', 'allow emptying an environment or deleting more of it than the GitOps guard allows')
    .option(
      '--cache-dir <dir>',
      'where earlier renderings are kept (default: $PLATFORM_CACHE_DIR, else <root>/node_modules/.cache/golden-path-platform if node_modules exists)',
    )
    .option('--no-cache', 'render every app afresh, reading and writing no cache')
    .option('--env <names>', 'render and replace only these environments (repeatable or comma-separated); the rest of the output is kept', collect, [])
    .option('--team <team>', "render and replace only this team's files (in every environment, or those of --env)")
    .option(
      '--jobs <n>',
      'threads rendering apps at once (default 1: serial; e.g. --jobs 4 on a larger CI machine; workers start only above 50 renderings)',
      jobs,
    )
    .action((opts: { out?: string; mirror?: string; allowDrop?: boolean; cacheDir?: string; cache: boolean; env: string[]; team?: string; jobs?: number }) => {
      code = (require('./commands/synth') as { synthCommand: typeof synthCommand }).synthCommand({ root: root(), ...opts }, io);
    });

  program
    .command('check')
    .description('validate every object against its schema and run the policy pack, with waivers; writes nothing')
    .option('--json', 'machine-readable report')
    .option('--env <name>', 'check one environment only')
    .option('--dist <folder>', 'check the YAML a synth wrote there instead, without loading app code (the verdict CI counts)')
    .action((opts: { json?: boolean; env?: string; dist?: string }) => {
      const { dist, ...rest } = opts;
      code =
        dist === undefined
          ? (require('./commands/check') as { checkCommand: typeof checkCommand }).checkCommand({ root: root(), ...rest }, io)
          : (require('./commands/check-dist') as { checkDistCommand: typeof checkDistCommand }).checkDistCommand({ dist, ...rest }, io);
    });

  program
    .command('explain [app]')
    .description('print every resolved value of an app in one environment (or, without an app, of the environment) and the layer it came from')
    .requiredOption('--env <name>', 'environment')
    .option('--json', 'machine-readable output')
    .action((app: string | undefined, opts: { env: string; json?: boolean }) => {
      code = (require('./commands/explain') as { explainCommand: typeof explainCommand }).explainCommand({ root: root(), app, ...opts }, io);
    });

  program
    .command('drift <app>')
    .description("show what differs between the environments of one app's rendered output")
    .option('--json', 'machine-readable output')
    .option('--all', 'also show label differences')
    .action((app: string, opts: { json?: boolean; all?: boolean }) => {
      code = (require('./commands/drift') as { driftCommand: typeof driftCommand }).driftCommand({ root: root(), app, ...opts }, io);
    });

  program
    .command('set-image <app>')
    .description('pin the image of an app in one environment (edits only that entry of apps/releases.yaml)')
    .requiredOption('--env <name>', 'environment')
    .option('--tag <tag>', 'image tag')
    .option('--digest <digest>', 'image digest (sha256:...)')
    .option('--container <name>', "a sidecar's or init container's image instead of the app's")
    .action((app: string, opts: { env: string; tag?: string; digest?: string; container?: string }) => {
      code = (require('./commands/set-image') as { setImageCommand: typeof setImageCommand }).setImageCommand({ root: root(), app, ...opts }, io);
    });

  program
    .command('promote <app>')
    .description("copy an app's image pin from one environment to another")
    .requiredOption('--from <env>', 'environment to copy from')
    .requiredOption('--to <env>', 'environment to copy to')
    .option('--container <name>', "a sidecar's or init container's image instead of the app's")
    .action((app: string, opts: { from: string; to: string; container?: string }) => {
      code = (require('./commands/promote') as { promoteCommand: typeof promoteCommand }).promoteCommand({ root: root(), app, ...opts }, io);
    });

  program
    .command('diff [folders...]')
    .description("what a change does to every environment's rendered output, with its risks (base vs the working tree, or two folders)")
    .option('--base <ref>', 'git ref to compare with (default: the merge-base with main)')
    .option('--format <format>', 'text, markdown (a pull-request comment) or json', 'text')
    .option('--render-base', 'render the base from its sources even when its dist/ is committed')
    .action((folders: string[], opts: { base?: string; format: string; renderBase?: boolean }) => {
      code = (require('./commands/diff') as { diffCommand: typeof diffCommand }).diffCommand({ root: root(), folders, ...opts }, io);
    });

  program
    .command('capacity')
    .description('CPU and memory requests and limits x replicas, per environment and team')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      code = (require('./commands/capacity') as { capacityCommand: typeof capacityCommand }).capacityCommand({ root: root(), ...opts }, io);
    });

  program
    .command('graph')
    .description('who may connect to whom in one environment, on which ports, as its NetworkPolicies allow (Mermaid, DOT, SVG or JSON)')
    .option('--env <name>', 'environment (default: the last of apps/environments.ts)')
    .option('--team <team>', "only this team's apps and what they connect to")
    .option('--format <format>', 'mermaid, dot, svg or json', 'mermaid')
    .option('--dist <folder>', 'read a tree written by platform synth instead of rendering the sources')
    .action((opts: { env?: string; team?: string; format: string; dist?: string }) => {
      code = (require('./commands/graph') as { graphCommand: typeof graphCommand }).graphCommand({ root: root(), ...opts }, io);
    });

  program
    .command('report')
    .description('write the fleet report: service graphs, capacity, golden-path conformance and the policy report, as one static HTML page or JSON')
    .requiredOption('--out <folder>', 'folder to write index.html (or report.json) into')
    .option('--format <format>', 'html or json', 'html')
    .option('--date <YYYY-MM-DD>', 'the day waivers are measured against (default: today, UTC)')
    .action((opts: { out: string; format: string; date?: string }) => {
      code = (require('./commands/report') as { reportCommand: typeof reportCommand }).reportCommand({ root: root(), ...opts }, io);
    });

  program
    .command('new <name>')
    .description('create an app from the golden path: its definition, release pins and test, then synthesize')
    .requiredOption('--team <team>', 'owning team (its folder under apps/ and its namespace)')
    .requiredOption('--kind <kind>', 'web, worker, task or job')
    .option('--tag <tag>', 'image tag to pin in every environment', '0.1.0')
    .option('--image <repository>', "image repository without tag (default: beside the team's other images)")
    .option('--description <text>', 'one line on what the app does')
    .action((name: string, opts: { team: string; kind: string; tag: string; image?: string; description?: string }) => {
      code = (require('./commands/new') as { newCommand: typeof newCommand }).newCommand({ root: root(), name, ...opts }, io);
    });

  try {
    program.parse([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return report(error, io);
  }
}

/** `--env a --env b,c` gives ['a', 'b', 'c']. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim())];
}

/** `--jobs 4` gives 4; anything but a whole number from 1 up is a usage error. */
function jobs(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value))
    throw new UsageError('E_JOBS', `--jobs: '${value}' is not a number of threads. Fix: give a whole number from 1 up (1 renders serially)`);
  return Number(value);
}

function report(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof PlatformError) {
    io.err(`error: ${error.message}\n`);
    return error instanceof UsageError || error instanceof ConfigFileError ? EXIT.usage : EXIT.findings;
  }
  io.err(`platform: internal error (a bug, please report it):\n${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT.bug;
}
