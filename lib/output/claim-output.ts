import { lockOutput, LockOptions } from './output-lock';
import { checkOutputPath, checkOwned } from './owned-folder';
import { recoverSwap } from './write-tree';

/** An output folder this synth may replace, locked until `release`. */
export interface ClaimedOutput {
  /** What recovering an interrupted write did, one line each (empty when there was nothing). */
  readonly recovered: readonly string[];
  readonly release: () => void;
}

/**
 * The first thing a synth does, before it loads any app: refuse a folder it must never replace,
 * take the folder's lock (waiting for another synth), finish or undo a write that was stopped
 * part-way, and refuse a folder it did not write. On refusal nothing is left behind.
 */
export function claimOutput(outDir: string, root: string, options: LockOptions & { readonly flag?: string } = {}): ClaimedOutput {
  checkOutputPath(outDir, root, options.flag);
  const release = lockOutput(outDir, options);
  try {
    const recovered = recoverSwap(outDir);
    checkOwned(outDir, options.flag);
    return { recovered, release };
  } catch (error) {
    release();
    throw error;
  }
}
