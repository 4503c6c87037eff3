import { ErrorObject } from 'ajv';
import { pointerKeys } from '../../internal/json-pointer';

/** One way an object breaks its schema, located by field path. */
export interface SchemaProblem {
  /** e.g. `spec.template.spec.containers[0].imagee`; absent for the object as a whole. */
  readonly field?: string;
  /** e.g. `unknown field 'imagee'`. */
  readonly message: string;
}

const ALTERNATIVES = new Set(['anyOf', 'oneOf']);
const SCALAR_KEYWORDS = new Set(['type', 'enum', 'const', 'format', 'pattern']);

/**
 * Turns ajv's errors into one line per problem, in the words of Kubernetes fields. Errors from the
 * branches of an alternative (IntOrString, Quantity) collapse into one "must be an integer or a
 * string" instead of one complaint per branch.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const alternativesAt = new Set(errors.filter((e) => ALTERNATIVES.has(e.keyword)).map((e) => e.instancePath));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (!ALTERNATIVES.has(error.keyword) && SCALAR_KEYWORDS.has(error.keyword) && alternativesAt.has(error.instancePath)) continue;
    const problem = describe(error);
    const key = `${problem.field ?? ''}\0${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(problem);
    }
  }
  return out;
}

function describe(error: ErrorObject): SchemaProblem {
  const at = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const got = 'data' in error ? ` (got ${preview(error.data)})` : '';
  switch (error.keyword) {
    case 'additionalProperties':
      return { field: join(at, String(params.additionalProperty)), message: `unknown field '${String(params.additionalProperty)}'` };
    case 'required':
      return { field: join(at, String(params.missingProperty)), message: `missing required field '${String(params.missingProperty)}'` };
    case 'type':
      return { field: at, message: `must be ${article(String(params.type))}${got}` };
    case 'enum':
      return { field: at, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got}` };
    case 'const':
      return { field: at, message: `must be ${JSON.stringify(params.allowedValue)}${got}` };
    case 'anyOf':
    case 'oneOf':
      return { field: at, message: `must be ${alternatives(error.schema)}${got}` };
    case 'format':
      return { field: at, message: `must be ${article(String(params.format))} value${got}` };
    case 'pattern':
      return { field: at, message: `must match the pattern ${String(params.pattern)}${got}` };
    default:
      return { field: at, message: `${error.message ?? 'is invalid'}${got}` };
  }
}

/** `/spec/template/spec/containers/0/name` -> `spec.template.spec.containers[0].name`; odd keys are quoted. */
export function fieldPath(pointer: string): string | undefined {
  if (pointer === '') return undefined;
  let out = '';
  for (const key of pointerKeys(pointer)) {
    if (/^\d+$/.test(key)) out += `[${key}]`;
    else out = join(out || undefined, key);
  }
  return out;
}

function join(path: string | undefined, key: string): string {
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : `["${key}"]`;
  if (!path) return part;
  return part.startsWith('[') ? `${path}${part}` : `${path}.${part}`;
}

function alternatives(schema: unknown): string {
  const branches = Array.isArray(schema) ? (schema as { type?: string; $ref?: string }[]) : [];
  const types = branches.map((b) => b.type).filter((t): t is string => typeof t === 'string');
  if (types.length === branches.length && types.length > 0) return types.map(article).join(' or ');
  return 'one of the allowed forms';
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
