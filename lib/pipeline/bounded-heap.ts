import { setFlagsFromString } from 'node:v8';

/**
 * How far past what survived its last full collection V8 may let the old generation grow while a
 * synth runs, in percent. On its own, V8 allows up to 4x where its heap limit (a quarter of the
 * machine's memory) reaches 4 GiB, and synth makes garbage fast (every app's construct tree): at
 * 10,000 apps x 3 environments the process held 3.4x its live objects, 2.1 GiB. At 25 % a synth
 * collects more often instead, which cost no measurable CPU at 1,000 apps (bench/README.md).
 */
const GROWTH_PERCENT = 25;

/**
 * Runs `work` with V8's heap growth bounded, then gives V8 back its own choice. A process started
 * with its own `--heap-growing-percent` keeps it. The flag is read at every full collection, so
 * setting it at run time takes effect at the next one.
 */
export function withBoundedHeapGrowth<T>(work: () => T): T {
  if (setByUser()) return work();
  setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
  try {
    return work();
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
  }
}

function setByUser(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => /heap[-_]growing[-_]percent/.test(arg));
}
