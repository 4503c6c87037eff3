import { Command, CommanderError } from 'commander';
import { ConfigFileError, PlatformError, UsageError } from '../internal/errors';
import { synthCommand } from './commands/synth';
import { EXIT } from './exit-codes';
import { Io, processIo } from './io';

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
    .showHelpAfterError();

  program
    .command('synth')
    .description('render every app in every environment and replace dist/ in one step')
    .option('--out <dir>', 'output folder (default: <root>/dist)')
    .option('--mirror <dir>', 'also copy the tree here (the cdk8s CLI output folder)')
    .action((opts: { out?: string; mirror?: string }) => {
      code = synthCommand({ root: program.opts().root, ...opts }, io);
    });

  try {
    program.parse([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return report(error, io);
  }
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
