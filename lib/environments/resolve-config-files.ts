import { createHash } from 'node:crypto';
import { Origin } from '../model/resolved-app';
import { overrideField, ResolveContext } from './resolve-context';

/** What Kubernetes accepts as a key of a ConfigMap's or Secret's `data`, and so as a file name in its volume. */
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
const DATA_KEY_MAX = 253;
/** The API server refuses a ConfigMap whose data (keys and values together) is over 1 MiB. */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

/** Why `name` cannot be a file of a ConfigMap or Secret volume, or undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > DATA_KEY_MAX) return `must be at most ${DATA_KEY_MAX} characters (has ${name.length})`;
  if (!DATA_KEY.test(name)) return "may contain only letters, digits, '-', '_' and '.' (no folders)";
  if (name === '.' || name.startsWith('..')) return "must not be '.' or start with '..'";
  return undefined;
}

/**
 * The app's config files in this environment: the definition's, then the override's, file by file.
 * Undefined when there are none, so an app without files gets no ConfigMap and no volume.
 */
export function resolveConfigFiles(ctx: ResolveContext): Record<string, string> | undefined {
  const { def, override, prov, problems } = ctx;
  const files: Record<string, string> = {};
  const origins: Record<string, Origin> = {};
  for (const [origin, layer] of [
    ['app', def.configFiles],
    ['override', override.configFiles],
  ] as const) {
    for (const [name, content] of Object.entries(layer ?? {})) {
      files[name] = content;
      origins[name] = origin;
    }
  }
  const names = Object.keys(files).sort();
  if (names.length === 0) return undefined;

  const sorted: Record<string, string> = {};
  let bytes = 0;
  for (const name of names) {
    const content = files[name];
    const field = overrideField(ctx, `configFiles.${name}`, origins[name] === 'override');
    const problem = fileNameProblem(name);
    if (problem) problems.add({ code: 'E_FILE_NAME', field, value: name, message: problem, fix: "use a plain file name, e.g. 'checkout.yaml'" });
    if (typeof content !== 'string') {
      problems.add({
        code: 'E_CONFIG_FILE',
        field,
        value: typeof content,
        message: "must be the file's content, a string",
        fix: "read it in the definition: readFileSync(join(__dirname, 'checkout.yaml'), 'utf8')",
      });
      continue;
    }
    sorted[name] = content;
    bytes += Buffer.byteLength(name) + Buffer.byteLength(content);
    prov.record(`configFiles.${name}`, origins[name], describeContent(content));
  }
  if (bytes > CONFIG_MAP_MAX_BYTES) {
    problems.add({
      code: 'E_CONFIG_FILES_SIZE',
      field: 'configFiles',
      value: `${bytes} bytes`,
      message: `must hold at most ${CONFIG_MAP_MAX_BYTES} bytes (1 MiB) in all, the most a ConfigMap can`,
      fix: 'ship large or binary files in the image, and keep only the settings that differ per environment here',
    });
  }
  return sorted;
}

/** What `platform explain` shows for a file: its size and a digest, never its (possibly long) content. */
function describeContent(content: string): string {
  return `${Buffer.byteLength(content)} bytes, sha256 ${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
}
