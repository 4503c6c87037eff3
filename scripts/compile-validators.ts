/**
 * Writes the JSON Schema validators the platform loads precompiled (lib/internal/precompiled-validators.ts):
 *
 *   npm run validators
 *
 * Run it after changing a schema below or upgrading ajv; a test fails until then.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releasesValidatorSource } from '../lib/environments/releases-validator-code';
import { SchemaBundle } from '../lib/policy/schema/schema-bundle';
import { kubernetesValidatorsSource } from '../lib/policy/schema/validator-code';

const ROOT = join(__dirname, '..');

/** Every precompiled validator module: where it lives (from the repository root) and how to generate it. */
export const PRECOMPILED: readonly { readonly file: string; readonly source: () => string }[] = [
  {
    file: 'lib/policy/schema/data/k8s-1.28-validators.js',
    source: () => kubernetesValidatorsSource(JSON.parse(readFileSync(join(ROOT, 'lib/policy/schema/data/k8s-1.28-schemas.json'), 'utf8')) as SchemaBundle),
  },
  { file: 'lib/environments/releases-validator.js', source: releasesValidatorSource },
];

export function writePrecompiled(): void {
  for (const { file, source } of PRECOMPILED) {
    writeFileSync(join(ROOT, file), source());
    process.stdout.write(`wrote ${file}\n`);
  }
}

if (require.main === module) writePrecompiled();
