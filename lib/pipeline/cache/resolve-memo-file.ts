import { statSync, utimesSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { SharedValues } from './shared-values';
import { readSummed, writeSummed } from './summed-file';

/** Names the format in every file's header: a file of another format is not read at all. */
const FILE_FORMAT = 'golden-path-resolved/3';
const DAY_MS = 24 * 3600 * 1000;
/** Once this share of a file's entries were written since its values were last shared whole, they are shared whole again. */
const MAX_LOOSE = 0.25;

interface Header {
  readonly format: string;
  /** What every entry was resolved with (the environment, the runtime): a file of another key has no entry for this run. */
  readonly key: string;
  readonly bytes: number;
  /** `<algorithm>:<hex>` of the body (`sumOf`): a file of the right length whose blocks were lost is no file. */
  readonly sum: string;
  /** The entries' keys, in the order of the body's values. */
  readonly entries: string[];
  /** How many entries were written since the values were last shared whole (see `encode`). */
  readonly loose: number;
}

/** Entries serialized together: the body of the file as read, or resolutions of this run. */
interface Segment {
  readonly keys: readonly string[];
  /** V8's serialization of the entries' values, one list in the order of `keys`. */
  readonly body: Buffer;
  readonly stored: boolean;
  /** The values, decoded at the first hit while the file is the one being read; null when the body does not read back. */
  values?: readonly object[] | null;
}

/** Where an entry's value is: a segment and its index there; no segment yet while the resolution waits to be serialized. */
interface Slot {
  segment?: Segment;
  at: number;
}

/**
 * One `.resolved` file of the resolve memo, an environment's team, and what this run does with it.
 *
 * The format: a one-line JSON header (format, the body's length and sum, key, the entries' keys,
 * the count of loose entries), then the body: V8's serialization of one list holding every entry's
 * value, in which equal parts of different entries are one value (`SharedValues`), written once
 * and read back shared. A file that is missing, of another format or key, or not whole has no
 * entry; a body that does not read back as one object per entry neither. A file read a day after
 * its last write is touched, so pruning sees it in use.
 *
 * A resolution of this run is kept as it was returned until resolution leaves the file (`leave`,
 * before any later stage is given it), then serialized with the file's others: what is stored
 * cannot be changed by what later stages do to the values they share. The file is written (`store`)
 * only when this run used other entries than it holds, from bytes, never from values handed out.
 */
export class MemoFile {
  private readonly segments: Segment[] = [];
  private readonly index = new Map<string, Slot>();
  private readonly used = new Map<string, Slot>();
  private pending: { key: string; value: object; slot: Slot }[] = [];
  private readonly loose: number = 0;

  constructor(
    readonly path: string,
    /** What this run's entries are resolved with (see `Header.key`). */
    readonly key: string,
    now: number,
  ) {
    const read = readMemoFile(path, now);
    if (read?.key !== key) return;
    this.loose = read.loose;
    const segment: Segment = { keys: read.entries, body: read.body, stored: true };
    this.segments.push(segment);
    read.entries.forEach((entry, at) => this.index.set(entry, { segment, at }));
  }

  /** The value stored (or resolved earlier this run) under `entry`, or undefined. */
  get(entry: string): object | undefined {
    const slot = this.index.get(entry);
    const values = slot?.segment && this.decoded(slot.segment);
    if (!slot || !values) return undefined;
    this.used.set(entry, slot);
    return values[slot.at];
  }

  /** A resolution of this run, stored under `entry` once serialized (`leave`). */
  add(entry: string, value: object): void {
    const slot: Slot = { at: 0 };
    this.pending.push({ key: entry, value, slot });
    this.used.set(entry, slot);
  }

  /**
   * Resolution moved on: the resolutions added are serialized now, their equal parts shared, and
   * the values decoded are let go (they are the apps', the file keeps its bytes).
   */
  leave(): void {
    if (this.pending.length > 0) {
      const shared = new SharedValues();
      const segment: Segment = { keys: this.pending.map((p) => p.key), body: serialize(this.pending.map((p) => shared.share(p.value))), stored: false };
      this.segments.push(segment);
      this.pending.forEach((p, at) => {
        Object.assign(p.slot, { segment, at });
        this.index.set(p.key, p.slot);
      });
      this.pending = [];
    }
    for (const segment of this.segments) if (segment.values) segment.values = undefined;
  }

  /** Whether `store` would write nothing: this run used exactly the entries the file holds, none of them new. */
  unchanged(): boolean {
    const [first] = this.segments;
    if (this.pending.length > 0 || !first?.stored || this.used.size !== first.keys.length) return false;
    for (const slot of this.used.values()) if (slot.segment !== first) return false;
    return true;
  }

  /** Writes the file (atomically) when this run used other entries than it holds: exactly those. Throws what failed. */
  store(): void {
    this.leave();
    if (this.unchanged()) return;
    const slots = [...this.used];
    const last = this.segments[this.segments.length - 1];
    if (!last) return;
    // Every entry resolved this run, in one segment (a file resolved whole): its bytes are the body.
    if (!last.stored && last.keys.length === slots.length && slots.every(([, slot], i) => slot.segment === last && slot.at === i)) {
      return writeMemoFile(this.path, { key: this.key, entries: [...last.keys], loose: 0 }, last.body);
    }
    // Decoded again from the bytes: the values decoded before were handed out.
    const values = new Map<Segment, readonly object[] | undefined>();
    const entries = slots.flatMap(([key, slot]) => {
      const segment = slot.segment!;
      if (!values.has(segment)) values.set(segment, decodeBody(segment));
      const value = values.get(segment)?.[slot.at];
      return value ? [{ key, value, stored: segment.stored }] : [];
    });
    const { body, loose } = encode(entries, this.loose);
    writeMemoFile(this.path, { key: this.key, entries: entries.map((e) => e.key), loose }, body);
  }

  private decoded(segment: Segment): readonly object[] | undefined {
    if (segment.values === undefined) {
      segment.values = decodeBody(segment) ?? null;
      // A body that does not read back holds no entry.
      if (segment.values === null) for (const [entry, slot] of this.index) if (slot.segment === segment) this.index.delete(entry);
    }
    return segment.values ?? undefined;
  }
}

/** A segment's values, or undefined when its body does not read back as one object per entry. */
function decodeBody(segment: Segment): readonly object[] | undefined {
  let values: unknown;
  try {
    values = deserialize(segment.body);
  } catch {
    return undefined;
  }
  const whole = Array.isArray(values) && values.length === segment.keys.length && values.every((v) => v !== null && typeof v === 'object');
  return whole ? (values as object[]) : undefined;
}

/**
 * The body of `entries`, over a file of `loose` loose entries. A one-app change writes a file of
 * fifty again, whose stored entries were read back with their parts shared already, and whose new
 * ones were shared among themselves: they are written as they are, the new ones counted loose. Once
 * loose entries would be a quarter of the file, all of them are shared whole again.
 */
function encode(entries: readonly { value: object; stored: boolean }[], loose: number): { body: Buffer; loose: number } {
  const stored = entries.filter((e) => e.stored).length;
  // The loose entries kept, at most: which of the file's they are is not known.
  const nowLoose = Math.min(loose, stored) + entries.length - stored;
  if (nowLoose <= entries.length * MAX_LOOSE) return { body: serialize(entries.map((e) => e.value)), loose: nowLoose };
  const shared = new SharedValues();
  return { body: serialize(entries.map((e) => shared.share(e.value))), loose: 0 };
}

/** A file as read, or undefined when it is missing, of another format or not whole. */
function readMemoFile(path: string, now: number): (Omit<Header, 'format' | 'bytes' | 'sum'> & { body: Buffer }) | undefined {
  const read = readSummed(path, FILE_FORMAT);
  if (read === undefined) return undefined;
  const { key, entries, loose } = read.header;
  if (typeof key !== 'string' || typeof loose !== 'number') return undefined;
  if (!Array.isArray(entries) || !entries.every((k) => typeof k === 'string')) return undefined;
  try {
    if (now - statSync(path).mtimeMs > DAY_MS) utimesSync(path, new Date(now), new Date(now));
  } catch {
    // Only pruned sooner.
  }
  return { key, entries, loose, body: read.body };
}

function writeMemoFile(path: string, header: Omit<Header, 'format' | 'bytes' | 'sum'>, body: Buffer): void {
  writeSummed(path, FILE_FORMAT, (put) => {
    put(body);
    return { key: header.key, entries: header.entries, loose: header.loose };
  });
}
