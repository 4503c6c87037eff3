import { Manifest } from '../../manifest/manifest';

/** What every reader of a hit's objects reads (ids, labels, kinds): parsed with the entry. */
const HEAD = new Set(['apiVersion', 'kind', 'metadata']);
/** Bodies up to this many bytes are parsed with the entry: splitting them off costs more than parsing them. */
const LAZY_FROM = 4096;

/**
 * A rendering's objects as stored in a pack: one line per object. A small object is its JSON; a
 * large one is `[keys, head] \t body`, where `keys` are its keys in order (those JSON writes),
 * `head` its apiVersion, kind and metadata, and `body` the rest. A warm synth reads most objects
 * only for their ids and labels, and the environment rules read few kinds: dashboards (ConfigMaps)
 * and PrometheusRules are two thirds of the bytes, and their bodies need not be parsed unless
 * something reads them (see `decodeManifests`). JSON never writes a raw tab or newline, so the
 * separators are unambiguous.
 */
export function encodeManifests(manifests: readonly Manifest[]): string {
  return manifests
    .map((manifest) => {
      const object = manifest as unknown as Record<string, unknown>;
      // The keys JSON.stringify would write: undefined values, functions and symbols are left out.
      const keys = Object.keys(object).filter((k) => object[k] !== undefined && typeof object[k] !== 'function' && typeof object[k] !== 'symbol');
      const head: Record<string, unknown> = {};
      const body: Record<string, unknown> = {};
      for (const key of keys) (HEAD.has(key) ? head : body)[key] = object[key];
      const bodyText = JSON.stringify(body);
      return bodyText.length < LAZY_FROM ? JSON.stringify(manifest) : `${JSON.stringify([keys, head])}\t${bodyText}`;
    })
    .join('\n');
}

/**
 * The objects `encodeManifests` stored, or undefined when the bytes are not in its form (a miss).
 * Each object has the keys JSON.parse of the object would give, in the same order; a large one's
 * head is parsed now and the rest of it on first read of any other key, when every such key
 * becomes a plain value. What is read is what was stored: the pack's checksum covers every byte. A
 * body waits as a copy of its own bytes: a slice of the pack's would keep the whole pack alive for
 * as long as one object of it is (the checks keep an app's first labelled object for the run).
 */
export function decodeManifests(bytes: Buffer): Manifest[] | undefined {
  const out: Manifest[] = [];
  try {
    for (let at = 0; at < bytes.length;) {
      const newline = bytes.indexOf(0x0a, at);
      const end = newline < 0 ? bytes.length : newline;
      const tab = bytes.indexOf(0x09, at);
      if (tab < 0 || tab > end) {
        const object = JSON.parse(bytes.toString('utf8', at, end)) as unknown;
        if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
        out.push(object as Manifest);
      } else {
        const second = bytes.indexOf(0x09, tab + 1);
        if (second >= 0 && second < end) return undefined;
        const parts = JSON.parse(bytes.toString('utf8', at, tab)) as unknown;
        if (!Array.isArray(parts) || parts.length !== 2) return undefined;
        const [keys, head] = parts as unknown[];
        if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string') || head === null || typeof head !== 'object') return undefined;
        out.push(lazyObject(keys, head as Record<string, unknown>, Buffer.from(bytes.subarray(tab + 1, end))));
      }
      at = end + 1;
    }
  } catch {
    return undefined;
  }
  return out;
}

function lazyObject(keys: readonly string[], head: Record<string, unknown>, bodyBytes: Buffer): Manifest {
  const object: Record<string, unknown> = {};
  let body: Record<string, unknown> | undefined;
  const parseBody = (): Record<string, unknown> => {
    if (body === undefined) {
      body = JSON.parse(bodyBytes.toString('utf8')) as Record<string, unknown>;
      // Plain values from now on: redefining a key keeps its place in the key order.
      for (const key of keys)
        if (!HEAD.has(key)) Object.defineProperty(object, key, { value: body[key], writable: true, enumerable: true, configurable: true });
    }
    return body;
  };
  for (const key of keys) {
    if (HEAD.has(key)) object[key] = head[key];
    else
      Object.defineProperty(object, key, {
        get: () => parseBody()[key],
        set: (value: unknown) => {
          parseBody();
          object[key] = value;
        },
        enumerable: true,
        configurable: true,
      });
  }
  return object as unknown as Manifest;
}
