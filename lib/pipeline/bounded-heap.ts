import { setFlagsFromString } from 'node:v8';

/**
 * How far past what survived its last full collection V8 may let the old generation grow while a
 * synth runs, in percent. On its own, V8 allows up to 4x where its heap limit (a quarter of the
 * machine's memory) reaches 4 GiB, and synth makes garbage fast (every app's construct tree): at
 * 10,000 apps x 3 environments the process held 3.4x its live objects, 2.1 GiB. At 25 % a synth
 * collects more often instead, for some 5 % more CPU (README.md, Benchmark).
 */
const GROWTH_PERCENT = 25;

/**
 * Below this many app renderings (apps x environments) a synth peaks under 400 MiB as V8 likes it,
 * and is left alone: with the flag changed at run time the sample repo's synth took 0.15 s more CPU
 * (of 0.75 s), as compiled code is checked against a hash of V8's flags and the modules a synth
 * loads afterwards (the schema validators) no longer match theirs.
 */
const LARGE = 5_000;

/**
 * Runs `work`, a synth of `renderings` app renderings, with V8's heap growth bounded when it is
 * large, then gives V8 back its own choice. A process started with its own `--heap-growing-percent`
 * keeps it. The flag is read at every full collection, so setting it at run time takes effect at
 * the next one.
 */
export function withBoundedHeapGrowth<T>(renderings: number, work: () => T, v8: HeapFlags = DEFAULT_FLAGS): T {
  if (renderings < LARGE || setByUser(v8.processArgs)) return work();
  v8.set(`--heap-growing-percent=${GROWTH_PERCENT}`);
  try {
    return work();
  } finally {
    // 0 is V8's default: its own heuristics.
    v8.set('--heap-growing-percent=0');
  }
}

/** Where the flag is set and what the process was started with (tests pass their own). */
export interface HeapFlags {
  set(flags: string): void;
  /** The process's own flags: `process.execArgv` and NODE_OPTIONS. */
  readonly processArgs: readonly string[];
}

const DEFAULT_FLAGS: HeapFlags = {
  set: setFlagsFromString,
  get processArgs() {
    return [...process.execArgv, process.env.NODE_OPTIONS ?? ''];
  },
};

function setByUser(args: readonly string[]): boolean {
  return args.some((arg) => /heap[-_]growing[-_]percent/.test(arg));
}
