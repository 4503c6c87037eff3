import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The kubectl on PATH (it embeds kustomize), or undefined: the kustomize scenario is then skipped. */
export function findKubectl(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
