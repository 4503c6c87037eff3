/**
 * Above this many characters an object's shape (its keys and values, spelled out) is not looked
 * up: such objects (a resolved app itself, its `settings` and `provenance`, its labels) name their
 * app and are never equal to another's, and spelling them out was most of the time spent.
 */
const MAX_SHAPE = 1024;

/**
 * Makes the plain objects and arrays of the values it is given that are equal (the same keys in
 * the same order and the same values, `undefined`, `-0` and `NaN` told apart as V8 tells them
 * apart) one object, for the resolve memo's files: V8's serialization writes a value reached twice
 * once and reads it back shared, so a file of fifty apps holds one copy of the probes, burn-rate
 * alerts or DNS peers they have in common instead of fifty (a bench fleet's 3,000 apps read back
 * into 60,000 objects instead of 202,000).
 *
 * For values about to be serialized, which nothing changes meanwhile: what it returns shares parts
 * between the values it was given, and with them where nothing below changed. It changes nothing
 * it is given. Other objects (Maps, Dates, class instances, arrays with holes or named properties)
 * are kept as they are, each its own.
 */
export class SharedValues {
  /** Each object kept, by its shape (see `extend`). */
  private readonly byShape = new Map<string, object>();
  /** A number for each object returned, by which the shapes that hold it name it. */
  private readonly ids = new Map<object, number>();
  /** What each object given became: a part given twice is looked at once. */
  private readonly done = new Map<object, object>();

  share<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    const done = this.done.get(value);
    if (done !== undefined) return done as T;
    // Until it is done: a value that holds itself gets itself back there, which no shape names.
    this.done.set(value, value);
    let result: object = value;
    if (Array.isArray(value)) {
      if (Object.keys(value).length === value.length) result = this.shareList(value);
    } else if (isPlainObject(value)) {
      result = this.shareObject(value);
    }
    // Named by the shapes that hold it, kept or not (a value too long to look up is equal only to itself).
    if (!this.ids.has(result)) this.ids.set(result, this.ids.size);
    this.done.set(value, result);
    return result as T;
  }

  private shareList(list: readonly unknown[]): object {
    let copy: unknown[] | undefined;
    let shape: string | undefined = '[';
    for (let i = 0; i < list.length; i++) {
      const item = this.share(list[i]);
      if (item !== list[i]) copy ??= list.slice(0, i);
      copy?.push(item);
      shape = this.extend(shape, '', item);
    }
    return this.kept(copy ?? list, shape);
  }

  private shareObject(object: Readonly<Record<string, unknown>>): object {
    let copy: Record<string, unknown> | undefined;
    let shape: string | undefined = '{';
    const keys = Object.keys(object);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const item = this.share(object[key]);
      if (item !== object[key] && !copy) {
        copy = {};
        for (let j = 0; j < i; j++) copy[keys[j]] = object[keys[j]];
      }
      if (copy) copy[key] = item;
      shape = this.extend(shape, `${key.length}:${key}`, item);
    }
    return this.kept(copy ?? object, shape);
  }

  /** The object kept for `shape`, else `object`, kept for it from now on. */
  private kept(object: object, shape: string | undefined): object {
    if (shape === undefined) return object;
    const kept = this.byShape.get(shape);
    if (kept) return kept;
    this.byShape.set(shape, object);
    return object;
  }

  /**
   * `shape` with one more entry: `key` (an object's key with its length, nothing for a list) and
   * the value, each kind of value with its own first character and a string with its length, so no
   * two values spell alike and a comma inside a string ends nothing. Undefined when too long, or
   * for a value no shape can name (one not kept, a symbol, a function).
   */
  private extend(shape: string | undefined, key: string, value: unknown): string | undefined {
    if (shape === undefined) return undefined;
    let token: string;
    switch (typeof value) {
      case 'string':
        token = `s${value.length}:${value}`;
        break;
      case 'number':
        token = Object.is(value, -0) ? 'm' : `d${value}`;
        break;
      case 'boolean':
        token = value ? 't' : 'f';
        break;
      case 'undefined':
        token = 'u';
        break;
      case 'bigint':
        token = `b${value}`;
        break;
      case 'object': {
        const id = value === null ? undefined : this.ids.get(value);
        if (value !== null && id === undefined) return undefined;
        token = value === null ? 'n' : `o${id}`;
        break;
      }
      default:
        return undefined;
    }
    const longer = `${shape}${key}${token},`;
    return longer.length <= MAX_SHAPE ? longer : undefined;
  }
}

/** An object of Object.prototype (of any realm: V8 reads values back into the main one, a test runs in another) or of none. */
function isPlainObject(value: object): value is Readonly<Record<string, unknown>> {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
