import { createHash } from 'node:crypto';

/** Stands for an object the key must not walk into; see `contentKey`. */
export type KeyReference = (value: object) => string | undefined;

/**
 * A sha256 over `parts`, as deterministic text: object keys sorted, Maps and Sets by entry, class
 * instances with their class name. It reads values generically, never a list of fields, so a field
 * added to a definition or a resolved app changes the key without anyone touching this file.
 * Returns undefined when a part cannot be keyed by content: a function (an escape hatch's
 * `customize` is code, whose effect no hash of the value can predict), a symbol, or a cycle.
 * `reference` may name an object instead of walking it (another app's definition that `dependsOn`
 * points at: what it contributes is already in the resolved app).
 */
export function contentKey(parts: readonly unknown[], reference: KeyReference = () => undefined): string | undefined {
  const hash = createHash('sha256');
  const open = new Set<object>();
  const write = (value: unknown): boolean => {
    switch (typeof value) {
      case 'string':
        hash.update(`s${value.length}:`).update(value);
        return true;
      case 'number':
      case 'boolean':
      case 'bigint':
        hash.update(`${(typeof value)[0]}${String(value)};`);
        return true;
      case 'undefined':
        hash.update('u;');
        return true;
      case 'function':
      case 'symbol':
        return false;
    }
    if (value === null) {
      hash.update('n;');
      return true;
    }
    const object = value as object;
    const named = reference(object);
    if (named !== undefined) {
      hash.update(`r${named.length}:`).update(named);
      return true;
    }
    if (open.has(object)) return false;
    open.add(object);
    const ok = writeObject(object, write, (text) => hash.update(text));
    open.delete(object);
    return ok;
  };
  for (const part of parts) if (!write(part)) return undefined;
  return hash.digest('hex');
}

function writeObject(object: object, write: (value: unknown) => boolean, text: (t: string) => void): boolean {
  if (Array.isArray(object)) {
    text(`[${object.length};`);
    return object.every((item) => write(item));
  }
  if (object instanceof Map) {
    text(`M${object.size};`);
    return [...object.entries()].every(([k, v]) => write(k) && write(v));
  }
  if (object instanceof Set) {
    text(`S${object.size};`);
    return [...object].every((v) => write(v));
  }
  const prototype = Object.getPrototypeOf(object) as object | null;
  // A class instance (a Duration, a Replicas helper) keys by its class and its own fields.
  text(prototype === Object.prototype || prototype === null ? '{' : `{${prototype.constructor?.name ?? '?'}:`);
  if (Object.getOwnPropertySymbols(object).length > 0) return false;
  const keys = Object.keys(object).sort();
  text(`${keys.length};`);
  return keys.every((key) => write(key) && write((object as Record<string, unknown>)[key]));
}
