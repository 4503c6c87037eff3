import { createHash } from 'node:crypto';
import { BigIntStats, closeSync, fstatSync, futimesSync, openSync, readFileSync, readSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { writeAll, writeAtomically } from './write-atomically';

/** Node 20.15+, 22.2+ (engines allow older 20s, which sum with sha256). */
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/** The sum this Node writes: CRC-32 where it has it, else sha256. */
const ALGORITHM = crc32 ? 'crc32' : 'sha256';

/**
 * `<algorithm>:<hex>` of the bytes, one after the other: CRC-32 where Node has it, else sha256. Undefined
 * for an algorithm this Node has not (a file summed with it is then a miss). A sum catches what a crash of
 * the machine leaves (lost blocks, a cut) and a flipped byte; no one gains by forging it, as whoever can
 * write the cache can write a right sum.
 */
export function sumOf(bytes: readonly Uint8Array[], algorithm: string = ALGORITHM): string | undefined {
  const sum = runningSum(algorithm);
  if (sum === undefined) return undefined;
  for (const part of bytes) sum.add(part);
  return sum.end();
}

/** A sum of bytes given a piece at a time (`sumOf`). */
function runningSum(algorithm: string): { add(bytes: Uint8Array): void; end(): string } | undefined {
  if (algorithm === 'crc32' && crc32) {
    let crc = 0;
    return { add: (bytes) => (crc = crc32(bytes as Buffer, crc)), end: () => `crc32:${crc.toString(16).padStart(8, '0')}` };
  }
  if (algorithm !== 'sha256') return undefined;
  const hash = createHash('sha256');
  return { add: (bytes) => hash.update(bytes), end: () => `sha256:${hash.digest('hex')}` };
}

/**
 * Writes `value` as JSON with a header (`writeSummed`). For the cache's files whose texts go to dist/
 * as they are read: JSON that still parses after a flipped byte would otherwise be a wrong hit.
 */
export function writeSummedJson(file: string, format: string, value: unknown): void {
  writeSummed(file, format, (put) => {
    put(JSON.stringify(value));
    return {};
  });
}

/** Bytes of a body that are read from a file as they are written, so a body of many files' bytes is never held whole. */
export interface FilePart {
  readonly file: string;
}

/** A part of a summed file's body: bytes, text (written as UTF-8), or a file's bytes. */
export type BodyPart = Buffer | string | FilePart;

/** Writes a part of the body; returns its length in bytes. */
export type PutPart = (part: BodyPart) => number;

/** Header fields of a summed file besides those `writeSummed` sets. */
type HeaderFields = Readonly<Record<string, unknown>> & { readonly format?: never; readonly bytes?: never; readonly sum?: never };

/** The part as text (a file's read now). */
export function textOf(part: BodyPart): string {
  return typeof part === 'string' ? part : Buffer.isBuffer(part) ? part.toString() : readFileSync(part.file, 'utf8');
}

/**
 * Writes a body and then a one-line JSON header (`format`, the body's length and sum, and the `fields`
 * that `body` returns), all or nothing (`writeAtomically`). Throws when it cannot write. `body` puts
 * the parts one after the other as it makes them, and each is written at once: text and files' bytes
 * pass through one reused buffer. So a pack of 500 apps is never held whole, as objects, strings or
 * bytes: made into a buffer each, a 10,000-app fleet's entries left main-thread malloc 90 MB larger
 * for good, and held as strings until written, they grew the heap as much. The header comes last
 * because only then are the lengths and the sum known.
 */
export function writeSummed(file: string, format: string, body: (put: PutPart) => HeaderFields): void {
  writeAtomically(file, (fd) => {
    const sum = runningSum(ALGORITHM)!;
    const scratch = new Scratch();
    let bytes = 0;
    const fields = body((part) => {
      let length = 0;
      for (const chunk of scratch.chunksOf(part)) {
        sum.add(chunk);
        writeAll(fd, chunk);
        length += chunk.length;
      }
      bytes += length;
      return length;
    });
    writeAll(fd, Buffer.from(`\n${JSON.stringify({ format, bytes, sum: sum.end(), ...fields })}\n`));
  });
}

/** One reused buffer that text and files' bytes pass through on their way to a file. */
class Scratch {
  private buffer = Buffer.allocUnsafeSlow(64 * 1024);

  /** The part's bytes, a chunk at a time; a chunk is overwritten by the next. */
  *chunksOf(part: BodyPart): Generator<Uint8Array> {
    if (Buffer.isBuffer(part)) {
      yield part;
    } else if (typeof part === 'string') {
      const length = Buffer.byteLength(part);
      if (length > this.buffer.length) this.buffer = Buffer.allocUnsafeSlow(length);
      yield this.buffer.subarray(0, this.buffer.write(part));
    } else {
      const fd = openSync(part.file, 'r');
      try {
        for (let read; (read = readSync(fd, this.buffer, 0, this.buffer.length, null)) > 0;) yield this.buffer.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    }
  }
}

/** The value `writeSummedJson` wrote, or undefined for a file that is missing, of another format, or not whole. */
export function readSummedJson(file: string, format: string): unknown {
  const read = readSummed(file, format);
  if (read === undefined) return undefined;
  try {
    return JSON.parse(read.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A file as read by `readSummed`: its header and body (at the file's start), and which file it was. */
export interface SummedFile {
  readonly header: Record<string, unknown>;
  readonly body: Buffer;
  /** The file read (`identityOf`): bytes read again later are these only while the file at its path has this identity. */
  readonly identity: string;
}

/**
 * A file of a body and a one-line JSON header after it (`format`, the body's length in `bytes`, its `sum`,
 * and whatever else the format keeps there): both, or undefined when the file is missing, of another format, or
 * not whole (a body shorter or longer than the header says, or whose bytes do not match its sum). With
 * `touch`, its modification time is set to that moment first, through the same descriptor, so the
 * identity it reports is the file's after the touch.
 */
export function readSummed(file: string, format: string, touch?: Date): SummedFile | undefined {
  let bytes: Buffer;
  let identity: string;
  try {
    const fd = openSync(file, 'r');
    try {
      if (touch) {
        try {
          futimesSync(fd, touch, touch);
        } catch {
          // A cache folder this user may not touch is read as it is: only pruned sooner.
        }
      }
      identity = identityOf(fstatSync(fd, { bigint: true }));
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  // The body, a newline, the header (JSON has no raw newline) and a newline.
  const start = bytes.length >= 2 && bytes[bytes.length - 1] === 0x0a ? bytes.lastIndexOf(0x0a, bytes.length - 2) : -1;
  if (start < 0) return undefined;
  let header: Record<string, unknown> | null;
  try {
    header = JSON.parse(bytes.toString('utf8', start + 1, bytes.length - 1)) as Record<string, unknown> | null;
  } catch {
    return undefined;
  }
  if (header === null || typeof header !== 'object' || header.format !== format || typeof header.sum !== 'string') return undefined;
  const body = bytes.subarray(0, start);
  if (body.length !== header.bytes || sumOf([body], header.sum.split(':')[0]) !== header.sum) return undefined;
  return { header, body, identity };
}

/**
 * Which file a stat is of, and in which state: device, inode, size, and the modification and change times
 * in nanoseconds. A writer replaces a cache file by renaming a new one over it (a new inode, or a reused
 * one with new times) and the change time is the kernel's, which no one sets back.
 */
export function identityOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
