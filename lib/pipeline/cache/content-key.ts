import { createHash } from 'node:crypto';
import { types } from 'node:util';

/** Stands for an object the key must not walk into; see `contentKey`. */
export type KeyReference = (value: object) => string | undefined;

/**
 * Stands for a function: what the key says of it. The caller answers for what the function does
 * (RenderCache keys the source it runs, see SourceClosures).
 */
export type KeyCode = (fn: (...args: never[]) => unknown) => string;

/** Thrown inside JSON.stringify to stop at a value that cannot be keyed by content; the message says what and where. */
class Unkeyable extends Error {}

/** Told why a value could not be keyed, e.g. "a Proxy at 'resources'", for a synth to say which apps are never cached. */
export type KeyFailure = (reason: string) => void;

/**
 * A sha256 over `parts` as JSON. It reads values generically, never a list of fields, so a field
 * added to a definition or a resolved app changes the key without anyone touching this file. Keys
 * keep their insertion order: the same code building the same value gives the same text, and a
 * value built in another order is only a miss, never a wrong hit. What JSON would write alike but
 * renders differently is spelled apart: Map and Set contents, a field set to undefined and a missing
 * one, -0, NaN and the infinities, a Date; an object with a toJSON keys by what it holds.
 *
 * Returns undefined when a part cannot be keyed by content: a function (an escape hatch's `customize`
 * is code, whose effect no hash of the value can predict) or a class instance (its private fields and
 * getters are not its own fields) unless `code` says what stands for the function or the class; a
 * built-in object other than those above (a RegExp, a typed array); a Proxy; a symbol; a cycle. `reference` may
 * name an object instead of walking it (another app's definition that `dependsOn` points at: what it
 * contributes is already in the resolved app).
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
          throw new Unkeyable(`a function at '${key}'`);
        case 'symbol':
          throw new Unkeyable(`a symbol at '${key}'`);
        case 'bigint':
          return `${String(value)}n`;
        case 'undefined':
          // JSON leaves an undefined field out (and writes null in a list): say it was there.
          return { $undefined: true };
        case 'number':
          // JSON writes -0 as 0 and NaN and the infinities as null; YAML writes each as itself.
          return Number.isFinite(value) && !Object.is(value, -0) ? value : { $number: Object.is(value, -0) ? '-0' : String(value) };
        case 'object':
          return value === null ? null : spelled(value, key, reference, code);
        default:
          return value;
      }
    });
  } catch (error) {
    // A cycle is a TypeError from JSON.stringify itself (a RangeError when it runs through a class instance, rebuilt at each visit).
    if (error instanceof Unkeyable) failed(error.message);
    else if (error instanceof TypeError || error instanceof RangeError) failed('a cycle (an object that holds itself)');
    else throw error;
    return undefined;
  }
  return createHash('sha256').update(text).digest('hex');
}

function spelled(value: object, key: string, reference: KeyReference, code: KeyCode | undefined): unknown {
  const named = reference(value);
  if (named !== undefined) return { $ref: named };
  // A Proxy answers JSON what its handler (code) says; the renderer may ask it something else.
  if (types.isProxy(value)) throw new Unkeyable(`a Proxy at '${key}'`);
  if (Array.isArray(value)) return value;
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value] };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Object.getOwnPropertySymbols(value).length > 0) throw new Unkeyable(`a symbol-keyed property under '${key}'`);
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null || isObjectPrototype(prototype)) {
    // JSON sees the enumerable own fields only; code reading the object sees the others too.
    if (Object.getOwnPropertyNames(value).length !== Object.keys(value).length) throw new Unkeyable(`a field that is not enumerable under '${key}'`);
    return value;
  }
  // A class instance (a sizing helper): its getters and #private fields are its class's code, which `code`
  // keys (and with it the source the class was loaded from); a built-in's code is native and says nothing.
  const constructor = (prototype as { constructor?: unknown }).constructor;
  if (typeof constructor !== 'function' || NATIVE.test(Function.prototype.toString.call(constructor))) {
    const name = typeof constructor === 'function' ? constructor.name : '';
    throw new Unkeyable(name === 'Object' || name === '' ? `an object made with Object.create at '${key}'` : `a built-in ${name} at '${key}'`);
  }
  if (!code) throw new Unkeyable(`an instance of class ${constructor.name || '(anonymous)'} at '${key}'`);
  return { $class: code(constructor as (...args: never[]) => unknown), fields: { ...value } };
}

/** How Function.prototype.toString writes a built-in function. */
const NATIVE = /\{\s*\[native code\]\s*\}\s*$/;

/** Object.prototype of another realm, once recognized. */
const objectPrototypes = new WeakSet<object>([Object.prototype]);

/**
 * Whether `prototype` is Object.prototype of some realm: objects V8 deserialized (the resolve memo) are made
 * in the main realm, which a test's is not. Not any prototype that has none itself: an object made with
 * `Object.create(Object.create(null))` reads fields through its prototype, which JSON does not see.
 */
export function isObjectPrototype(prototype: object): boolean {
  if (objectPrototypes.has(prototype)) return true;
  const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown;
  const is =
    Object.getPrototypeOf(prototype) === null &&
    typeof constructor === 'function' &&
    constructor.name === 'Object' &&
    (constructor as { prototype?: unknown }).prototype === prototype &&
    NATIVE.test(Function.prototype.toString.call(constructor));
  if (is) objectPrototypes.add(prototype);
  return is;
}
