import { createHash } from 'node:crypto';
import { types } from 'node:util';

/** Stands for an object the key must not walk into; see `contentKey`. */
export type KeyReference = (value: object) => string | undefined;

/**
 * Stands for a function or a class: what the key says of it. The caller answers for what the code
 * does (RenderCache keys the source it runs, see SourceClosures).
 */
export type KeyCode = (fn: (...args: never[]) => unknown) => string;

/** Told why a value could not be keyed, e.g. "a Proxy at 'resources'", for a synth to say which apps are never cached. */
export type KeyFailure = (reason: string) => void;

/** Thrown inside JSON.stringify to stop at a value that cannot be keyed by content: what it is, and the field of `holder` holding it. */
class Unkeyable extends Error {
  constructor(
    readonly what: string,
    readonly holder: object,
    readonly key: string,
    readonly where: 'at' | 'under' = 'at',
  ) {
    super(what);
  }
}

/**
 * A sha256 over `parts` as JSON. It reads values generically, never a list of fields, so a field
 * added to a definition or a resolved app changes the key without anyone touching this file. Keys
 * keep their insertion order: the same code building the same value gives the same text, and a
 * value built in another order is only a miss, never a wrong hit. What JSON would write alike but
 * renders differently is spelled apart: Map and Set contents, a field set to undefined and a missing
 * one, -0, NaN and the infinities, a bigint, a Date; an object with a toJSON keys by what it holds.
 * The spellings are objects with a `$` key, and a `$` key of the data itself is escaped, so data
 * never reads as a spelling.
 *
 * Returns undefined (and tells `failed` why) when a part cannot be keyed by content: a function (an
 * escape hatch's `customize` is code, whose effect no hash of the value can predict) or an instance of
 * a class written in JavaScript (its #private fields and getters are not own fields: what they hold
 * comes from code) unless `code` says what stands for the function or the class; an object whose
 * content JSON cannot see whole (a Proxy, a field that is not enumerable or keyed by a symbol, a
 * prototype of its own, a built-in other than those above); a symbol; a cycle; a getter that throws.
 * `reference` may name an object instead of walking it (another app's definition that `dependsOn`
 * points at: what it contributes is already in the resolved app).
 */
export function contentKey(
  parts: readonly unknown[],
  reference: KeyReference = () => undefined,
  code?: KeyCode,
  failed: KeyFailure = () => {},
): string | undefined {
  let text: string;
  try {
    // JSON.stringify walks in native code: several times faster than a walk written here.
    text = JSON.stringify(parts, function (this: Record<string, unknown>, key: string): unknown {
      // JSON has called toJSON already: key what the holder holds, not what it would write for it.
      const value = this[key];
      switch (typeof value) {
        case 'function':
          if (code) return { $function: code(value as (...args: never[]) => unknown) };
          throw new Unkeyable('a function', this, key);
        case 'symbol':
          throw new Unkeyable('a symbol', this, key);
        case 'bigint':
          return { $bigint: String(value) };
        case 'undefined':
          // JSON leaves an undefined field out (and writes null in a list): say it was there.
          return { $undefined: true };
        case 'number':
          // JSON writes -0 as 0 and NaN and the infinities as null; YAML writes each as itself.
          return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: Object.is(value, -0) ? '-0' : String(value) };
        case 'object':
          return value === null ? null : spelled(value, this, key, reference, code);
        default:
          return value;
      }
    });
  } catch (error) {
    failed(reasonOf(error, parts));
    return undefined;
  }
  return createHash('sha256').update(text).digest('hex');
}

function reasonOf(error: unknown, parts: readonly unknown[]): string {
  if (error instanceof Unkeyable) {
    const field = fieldOf(parts, error.holder, error.key);
    return field === undefined ? `${error.what} in a part itself` : `${error.what} ${error.where} '${field}'`;
  }
  if (error instanceof TypeError && /circular/i.test(error.message)) return 'a cycle (an object that holds itself)';
  // A class instance is spelled anew at each visit, so a cycle through one runs until the stack is out.
  if (error instanceof RangeError) return 'a structure too deep to walk, or a cycle through a class instance';
  return `a value whose reading threw ${error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error)}`;
}

function spelled(value: object, holder: object, key: string, reference: KeyReference, code: KeyCode | undefined): unknown {
  const named = reference(value);
  if (named !== undefined) return { $ref: named };
  // A Proxy answers JSON what its handler (code) says; the renderer may ask it something else.
  if (types.isProxy(value)) throw new Unkeyable('a Proxy', holder, key);
  if (Object.getOwnPropertySymbols(value).length > 0) throw new Unkeyable('a field keyed by a symbol', holder, key, 'under');
  const prototype = Object.getPrototypeOf(value) as object | null;
  const builtin = prototype === null ? 'Object' : builtinOf(prototype);
  switch (builtin) {
    case 'Object':
      return plain(value as Record<string, unknown>);
    case 'Array':
      // Code iterates a list by index, as JSON does; a hole reads as undefined to both.
      return value;
    case 'Map':
      return { $map: [...(value as Map<unknown, unknown>).entries()] };
    case 'Set':
      return { $set: [...(value as Set<unknown>)] };
    case 'Date':
      return { $date: (value as Date).getTime() };
    case '':
      throw new Unkeyable('an object made with Object.create', holder, key);
    case undefined:
      break;
    default:
      throw new Unkeyable(`a built-in ${builtin}`, holder, key);
  }
  // An instance of a class written in JavaScript (a sizing helper; a subclass of Map): its getters and #private
  // fields come from its class's code, which `code` keys (and with it the source the class was loaded from).
  const constructor = (prototype as { constructor: (...args: never[]) => unknown }).constructor;
  if (!code) throw new Unkeyable(`an instance of class ${constructor.name || '(anonymous)'}`, holder, key);
  return { $class: code(constructor), fields: { ...value } };
}

/** A plain object as JSON should walk it: whole, and with a `$` key of its own escaped. */
function plain(value: Record<string, unknown>): unknown {
  const keys = Object.keys(value);
  // JSON sees the enumerable own fields only; code reading the object sees the others too.
  if (Object.getOwnPropertyNames(value).length !== keys.length) {
    const hidden = Object.getOwnPropertyNames(value).find((name) => !keys.includes(name))!;
    throw new Unkeyable('a field that is not enumerable', value, hidden);
  }
  return keys.some((k) => k.charCodeAt(0) === 0x24) ? { $escaped: Object.entries(value) } : value;
}

/**
 * Where `holder[key]` is, as a definition's fields are named in errors (`environments.prod.resources`,
 * `command[1]`), found again only once keying failed, so keying pays nothing for it. Objects JSON
 * walks as copies (a class instance's fields, a Map's entries) are not found by identity; then the
 * field's own name.
 */
function fieldOf(parts: readonly unknown[], holder: object, key: string): string | undefined {
  // A part itself (a definition with a symbol-keyed field of its own) has no field name.
  if (holder === parts) return undefined;
  const seen = new Set<object>();
  const step = (path: string, name: string, inList: boolean) => (inList ? `${path}[${name}]` : path ? `${path}.${name}` : name);
  const find = (value: unknown, path: string): string | undefined => {
    if (value === null || typeof value !== 'object' || seen.has(value) || types.isProxy(value)) return undefined;
    seen.add(value);
    if (value === holder) return step(path, key, Array.isArray(value));
    for (const name of Object.keys(value)) {
      let child: unknown;
      try {
        child = (value as Record<string, unknown>)[name];
      } catch {
        continue;
      }
      const found = find(child, step(path, name, Array.isArray(value)));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  try {
    // Each part is named from its own root: a definition's fields as the app file spells them.
    for (const part of parts) {
      seen.add(parts);
      const found = find(part, '');
      if (found !== undefined) return found;
    }
  } catch {
    // Too deep to walk again: the field's own name still says something.
  }
  return key;
}

/**
 * The name of the built-in `prototype` belongs to, in any realm (objects V8 deserialized, the resolve
 * memo's, are made in the main realm, which a test's is not): 'Object', 'Array', 'Map', 'RegExp'...; ''
 * for a prototype that is no constructor's (an object made with Object.create); undefined for a class
 * written in JavaScript.
 */
function builtinOf(prototype: object): string | undefined {
  if (prototype === Object.prototype) return 'Object';
  if (prototype === Array.prototype) return 'Array';
  const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
  if (typeof constructor !== 'function' || (constructor as { prototype?: unknown }).prototype !== prototype) return '';
  // Sliced from the script's source for a class written in JavaScript: no copy of it is made.
  return Function.prototype.toString.call(constructor).endsWith('{ [native code] }') ? constructor.name : undefined;
}

/** Whether `prototype` is Object.prototype of some realm (see `builtinOf`). */
export function isObjectPrototype(prototype: object): boolean {
  return builtinOf(prototype) === 'Object';
}
