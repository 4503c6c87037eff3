// `npm run build` (run by `npm pack` through `prepack`): the library as JavaScript and declarations
// in build/, from an empty folder so no output of a deleted source survives. tsc emits only what it
// compiles; the JavaScript and JSON under lib/ (precompiled validators, schemas, the TypeScript
// loader, the cdk8s plugin entry) are copied beside it.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'build');

/** Every file under `dir` that tsc does not emit: JavaScript and JSON data. */
export function assetsOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(js|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function build(): void {
  rmSync(OUT, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  const assets = assetsOf(join(ROOT, 'lib'));
  for (const file of assets) cpSync(file, join(OUT, relative(ROOT, file)));
  process.stdout.write(`built ${relative(process.cwd(), OUT) || '.'}: tsc output and ${assets.length} data and JavaScript files from lib/\n`);
}

if (require.main === module) build();
