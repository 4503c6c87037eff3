import { didYouMean } from '../internal/did-you-mean';
import { Problems } from '../internal/errors';
import { SourcedApp } from '../model/app-definition';
import { SourcedDataStore } from '../model/data-store-definition';
import { DEFINITION_SHAPES, ObjectShape, Shape } from './definition-shapes';

/**
 * Strict definitions: every key the platform does not know, and every value of the wrong type,
 * anywhere in a definition (top level, per-environment overrides, nested objects such as health,
 * slo, security). `tsc` catches these in a typed app file, but synth loads app files without
 * type-checking, and `as any` or plain JavaScript gets past the compiler: a misspelled optional
 * prop would silently fall back to its default.
 */
export function checkDefinitionKeys(apps: readonly (SourcedApp | SourcedDataStore)[], problems: Problems): void {
  for (const { definition, source } of apps) {
    const shape = DEFINITION_SHAPES[(definition as { kind?: string }).kind ?? ''];
    // loadFleet rejects a definition of no known kind before this runs.
    if (!shape) continue;
    checkObject(definition, shape, '', problems.at({ source, app: definition.name }));
  }
}

function check(value: unknown, shape: Shape, path: string, problems: Problems): void {
  if (value === undefined || shape === 'any') return;
  if (typeof shape === 'string') {
    if (!hasType(value, shape)) wrongType(value, article(shape), path, problems);
  } else if ('list' in shape) {
    if (!Array.isArray(value)) return wrongType(value, 'a list', path, problems);
    // In a list, undefined (or a hole, which forEach would skip) is not an absent field but a gap the output cannot hold.
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) wrongType(item, expected(shape.list), `${path}[${i}]`, problems);
      else check(item, shape.list, `${path}[${i}]`, problems);
    }
  } else if ('map' in shape) {
    if (!isRecord(value)) return wrongType(value, 'an object', path, problems);
    for (const [key, item] of Object.entries(value)) {
      // A name set to undefined in a map of strings (env, config, labels) is not unset: the key says it is there.
      if (item === undefined && typeof shape.map === 'string' && shape.map !== 'any') {
        wrongType(item, expected(shape.map), `${path}.${key}`, problems, `give ${expected(shape.map)}, or remove ${path}.${key} to leave it unset`);
      } else check(item, shape.map, `${path}.${key}`, problems);
    }
  } else if ('fields' in shape) {
    checkObject(value, shape, path, problems);
  } else if ('kinds' in shape) {
    if (!isRecord(value)) return wrongType(value, shape.noun, path, problems, shape.fix);
    const variant = typeof value.kind === 'string' ? shape.kinds[value.kind] : undefined;
    // An unknown kind is resolution's to report, with the kinds it knows.
    if (variant !== undefined) check(value, variant, path, problems);
  } else {
    const match = shape.oneOf.find((s) => (typeof s === 'string' ? hasType(value, s) : 'list' in s ? Array.isArray(value) : isRecord(value)));
    if (!match) return wrongType(value, expected(shape), path, problems);
    check(value, match, path, problems);
  }
}

function checkObject(value: unknown, shape: ObjectShape, path: string, problems: Problems): void {
  if (!isRecord(value)) return wrongType(value, `an object (${shape.noun})`, path, problems);
  const known = Object.keys(shape.fields);
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const fieldShape = shape.fields[key];
    if (fieldShape !== undefined) {
      check(item, fieldShape, field, problems);
      continue;
    }
    const suggestion = didYouMean(key, known);
    problems.add({
      code: 'E_UNKNOWN_FIELD',
      field,
      message: `is not a field of ${shape.noun}${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      fix: suggestion ? `rename it to '${suggestion}'` : `remove it (known: ${known.filter((k) => k !== 'kind').join(', ')})`,
    });
  }
}

function wrongType(value: unknown, expected: string, path: string, problems: Problems, fix?: string): void {
  problems.add({
    code: 'E_FIELD_TYPE',
    field: path,
    value: describe(value),
    message: `must be ${expected}`,
    fix: fix ?? `give ${expected} (see the field's type in lib/model)`,
  });
}

/** What a value of `shape` must be, as a message says it. */
function expected(shape: Shape): string {
  if (typeof shape === 'string') return article(shape);
  if ('list' in shape) return 'a list';
  if ('fields' in shape) return `an object (${shape.noun})`;
  if ('kinds' in shape) return shape.noun;
  if ('map' in shape) return 'an object';
  return shape.oneOf.map((s) => (typeof s === 'string' ? article(s) : 'list' in s ? 'a list' : 'an object')).join(' or ');
}

function hasType(value: unknown, type: Extract<Shape, string>): boolean {
  if (type === 'any') return true;
  return type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === type;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function article(type: string): string {
  return type === 'function' ? 'a function' : `a ${type}`;
}

/** The value as the message shows it: functions and lists by what they are, the rest verbatim. */
function describe(value: unknown): unknown {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}
