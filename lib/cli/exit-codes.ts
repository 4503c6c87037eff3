/** Exit codes of `platform`, part of its contract with CI. */
export const EXIT = {
  ok: 0,
  /** The input is wrong (a definition, a release) or a check found problems. */
  findings: 1,
  /** The command line or a configuration file is wrong. */
  usage: 2,
  /** A bug in the platform itself; the stack trace is printed. */
  bug: 70,
} as const;
