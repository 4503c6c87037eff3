import { BodyPart, readSummed, writeSummed } from './summed-file';

/** Names the format in every pack's header: a pack of another format is not read at all. */
const PACK_FORMAT = 'golden-path-pack/5';

/** Where an entry's file text is: the pack file, which state of it was read and verified (`identityOf`), and the bytes' place. */
export interface TextRef {
  readonly file: string;
  /** The entry's key: found again by it in a pack that replaced the one read. */
  readonly key: string;
  readonly identity: string;
  readonly at: number;
  readonly length: number;
}

/** One entry of a pack as read: its parts are views into the pack's bytes, decoded only when asked for. */
export interface PackEntry {
  readonly key: string;
  /** When a run last used the entry (ms since the epoch, as the cache's clock tells it). */
  readonly used: number;
  /** Small and read with every hit, so it lives in the header. @default - none */
  readonly customization?: unknown;
  /** The rendered objects as JSON. */
  readonly manifests: Buffer;
  /** The exact text of the app's file. */
  readonly text: Buffer;
  /** Where `text` is in the pack file read, to read it again instead of holding it (`PackTexts`). */
  readonly textAt: TextRef;
  /** What the checks found in the objects, as JSON. @default - not checked when stored */
  readonly checks?: Buffer;
}

/** An entry to write: its parts as bytes already (kept from a pack read), as text, or in a file (the app's file as written to dist/). */
export interface PackEntryInput {
  readonly key: string;
  readonly used: number;
  readonly customization?: unknown;
  readonly manifests: BodyPart;
  readonly text: BodyPart;
  readonly checks?: BodyPart;
}

/** One header row: key, used, the parts' lengths in bytes (checks -1 when absent), and the customization when there is one. */
type HeaderRow = [string, number, [number, number, number], unknown?];

interface Header {
  readonly format: string;
  readonly bytes: number;
  /**
   * `<algorithm>:<hex>` of the body (`sumOf`): a pack of the right length whose blocks were lost (a
   * crash before the disk had them) is no pack. CRC-32 where Node has it (20.15+): it catches such
   * damage as surely and costs half of sha256's ~90 ms over a 1,000-app fleet's 145 MB of packs per
   * warm run.
   */
  readonly sum: string;
  readonly entries: HeaderRow[];
}

/**
 * Reads a pack (touched first, with `touch`: see `readSummed`): the body, every entry's parts one after
 * the other, and a one-line JSON header (the format, the body's length and one row per entry). One read for many apps, and nothing parsed
 * but the header until an entry is asked for: a warm synth of 1,000 apps reads 60 files instead of
 * 3,000 and never decodes the stored YAML into strings it only writes back out. Returns undefined
 * for a pack that is missing, of another format, or not whole (a body shorter or longer than the
 * header says, or whose bytes do not hash to the header's sum: every entry of it is then a miss,
 * never a wrong hit; a hit's text goes to dist/ as it is, unparsed, so only the sum catches it).
 */
export function readPack(file: string, touch?: Date): Map<string, PackEntry> | undefined {
  const read = readSummed(file, PACK_FORMAT, touch);
  if (read === undefined || !Array.isArray(read.header.entries)) return undefined;
  const { body, identity } = read;
  const header = read.header as unknown as Header;
  const entries = new Map<string, PackEntry>();
  let at = 0;
  for (const row of header.entries) {
    if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'number' || !Array.isArray(row[2])) return undefined;
    const [key, used, [manifests, text, checks], customization] = row;
    if (![manifests, text, checks].every((n) => Number.isInteger(n) && n >= -1) || manifests < 0 || text < 0) return undefined;
    const part = (length: number) => body.subarray(at, (at += length));
    const manifestsPart = part(manifests);
    const textAt: TextRef = { file, key, identity, at, length: text };
    entries.set(key, {
      key,
      used,
      ...(customization !== undefined ? { customization } : {}),
      manifests: manifestsPart,
      text: part(text),
      textAt,
      ...(checks >= 0 ? { checks: part(checks) } : {}),
    });
  }
  return at === body.length ? entries : undefined;
}

/**
 * Writes a pack all or nothing: into a temporary file beside it, renamed over it once complete, so
 * a reader (or a concurrent synth) sees the old pack or the new one, never half of one; of two
 * concurrent writers the last rename wins whole. Throws when it cannot write (the temporary file
 * is removed); what is left of a killed writer is a `.tmp-` file that `RenderCache.prune` removes.
 * `entries`, in key order, are taken one at a time and each written before the next is made.
 */
export function writePack(file: string, entries: Iterable<PackEntryInput>): void {
  writeSummed(file, PACK_FORMAT, (put) => {
    const rows: HeaderRow[] = [];
    for (const entry of entries) {
      const lengths: [number, number, number] = [put(entry.manifests), put(entry.text), entry.checks === undefined ? -1 : put(entry.checks)];
      rows.push(entry.customization === undefined ? [entry.key, entry.used, lengths] : [entry.key, entry.used, lengths, entry.customization]);
    }
    return { entries: rows };
  });
}
