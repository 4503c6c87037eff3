import { _ } from 'ajv';
import { precompiledValidators } from '../../internal/precompiled-validators';
import { KUBERNETES_FORMATS } from './formats';
import { SchemaBundle } from './schema-bundle';

/** The source of data/k8s-1.28-validators.js: a validator per `apiVersion kind` of the schema file. */
export function kubernetesValidatorsSource(bundle: SchemaBundle): string {
  const exports: Record<string, string> = {};
  for (const [kind, entry] of Object.entries(bundle.kinds)) exports[kind] = `k8s#/definitions/${entry.definition}`;
  return precompiledValidators(
    'lib/policy/schema/data/k8s-1.28-schemas.json',
    {
      allErrors: true,
      verbose: true, // describeSchemaErrors quotes the offending value and the alternatives of an anyOf
      strict: true,
      strictTypes: false,
      strictTuples: false,
      strictRequired: false,
      formats: KUBERNETES_FORMATS,
      // The generated module requires the formats from this folder, with the extension: the loaders
      // (bin/register-ts.js, ts-jest) resolve a .ts file from a .js one only when it is named in full.
      code: { formats: _`require("../formats.ts").KUBERNETES_FORMATS` },
    },
    [{ $id: 'k8s', definitions: bundle.definitions }],
    exports,
  );
}
