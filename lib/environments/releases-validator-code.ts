import { precompiledValidators } from '../internal/precompiled-validators';
import schema from './releases.schema.json';

/** The source of releases-validator.js: `validate`, apps/releases.yaml's JSON Schema compiled. */
export function releasesValidatorSource(): string {
  return precompiledValidators('lib/environments/releases.schema.json', { allErrors: true, strict: true }, [schema], { validate: schema.$id });
}
