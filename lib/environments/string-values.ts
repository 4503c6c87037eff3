import { Problems } from '../internal/errors';

/**
 * `record` (env or config, as the app file wrote it) with only its string values; each other value
 * is a problem at `field.<key>`. TypeScript types them as strings, but a JavaScript app file or a cast
 * can pass a number, a boolean or undefined, which Kubernetes rejects (or the pipeline would trip
 * over): say so where it was written. `undefined` is not taken as "unset": removing the key says that.
 */
export function stringValues(
  problems: Problems,
  field: string,
  record: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (record === undefined || record === null || typeof record !== 'object') return record;
  let out: Record<string, string> | undefined;
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') continue;
    const type = value === null ? 'null' : typeof value;
    const quotable = type === 'number' || type === 'boolean' || type === 'bigint';
    problems.add({
      code: 'E_ENV_VALUE',
      field: `${field}.${key}`,
      value,
      message: `must be a string, not ${type}`,
      fix: quotable ? `quote it: ${key}: '${String(value)}'` : `set a string, or remove ${field}.${key} to leave it unset`,
    });
    out ??= { ...record };
    delete out[key];
  }
  return out ?? record;
}
