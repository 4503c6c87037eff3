import { createHash } from 'node:crypto';

/** Stands for an object the key must not walk into; see `contentKey`. */
export type KeyReference = (value: object) => string | undefined;

/**
 * Stands for a function: what the key says of it. The caller answers for what the function does
 * (RenderCache keys the source it runs, see SourceClosures).
 */
export type KeyCode = (fn: (...args: never[]) => unknown) => string;

/** Thrown inside JSON.stringify to stop at a value that cannot be keyed by content. */
class Unkeyable extends Error {}

/**
 * A sha256 over `parts` as JSON. It reads values generically, never a list of fields, so a field
 * added to a definition or a resolved app changes the key without anyone touching this file. Keys
 * keep their insertion order: the same code building the same value gives the same text, and a
 * value built in another order is only a miss, never a wrong hit. Maps, Sets and class instances
 * are spelled out (JSON would write `{}` for a Map). Returns undefined when a part cannot be keyed
 * by content: a function (an escape hatch's `customize` is code, whose effect no hash of the value
 * can predict; unless `code` says what stands for it), a symbol, or a cycle. `reference` may name an object instead of walking it (another
 * app's definition that `dependsOn` points at: what it contributes is already in the resolved app).
 */
export function contentKey(parts: readonly unknown[], reference: KeyReference = () => undefined, code?: KeyCode): string | undefined {
  let text: string;
  try {
    // JSON.stringify walks in native code: several times faster than a walk written here.
    text = JSON.stringify(parts, function (this: unknown, _key: string, value: unknown): unknown {
      switch (typeof value) {
        case 'function':
          if (code) return { $function: code(value as (...args: never[]) => unknown) };
          throw new Unkeyable();
        case 'symbol':
          throw new Unkeyable();
        case 'bigint':
          return `${String(value)}n`;
        case 'undefined':
          // Inside an array JSON writes null for undefined: say which it was.
          return Array.isArray(this) ? { $undefined: true } : undefined;
        case 'object':
          return value === null ? null : spelled(value, reference);
        default:
          return value;
      }
    });
  } catch (error) {
    // A cycle is a TypeError from JSON.stringify itself (a RangeError when it runs through a class instance, rebuilt at each visit).
    if (error instanceof Unkeyable || error instanceof TypeError || error instanceof RangeError) return undefined;
    throw error;
  }
  return createHash('sha256').update(text).digest('hex');
}

function spelled(value: object, reference: KeyReference): unknown {
  const named = reference(value);
  if (named !== undefined) return { $ref: named };
  if (Array.isArray(value)) return value;
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value] };
  if (Object.getOwnPropertySymbols(value).length > 0) throw new Unkeyable();
  const prototype = Object.getPrototypeOf(value) as object | null;
  // Any realm's Object.prototype: objects V8 deserialized (the resolve memo) are made in the main one, which a test's is not.
  if (prototype === null || Object.getPrototypeOf(prototype) === null) return value;
  // A class instance (a Duration, a Replicas helper) keys by its class and its own fields.
  return { $class: (prototype.constructor as { name?: string } | undefined)?.name ?? '?', fields: { ...value } };
}
