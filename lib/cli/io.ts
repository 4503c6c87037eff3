/** Where a command writes. Commands never touch process.stdout or process.exit, so tests run them in-process. */
export interface Io {
  // Function properties, not methods: commands hand `io.out` to others unbound.
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** An Io that keeps what was written, for tests. */
export function bufferIo(): Io & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => void out.push(t), err: (t) => void err.push(t), stdout: () => out.join(''), stderr: () => err.join('') };
}
