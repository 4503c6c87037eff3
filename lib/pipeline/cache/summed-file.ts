import { createHash } from 'node:crypto';
import { BigIntStats, closeSync, fstatSync, futimesSync, openSync, readFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { writeAtomically } from './write-atomically';

/** Node 20.15+, 22.2+ (engines allow older 20s, which sum with sha256). */
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/**
 * `<algorithm>:<hex>` of the bytes, one after the other: CRC-32 where Node has it, else sha256. Undefined
 * for an algorithm this Node has not (a file summed with it is then a miss). A sum catches what a crash of
 * the machine leaves (lost blocks, a cut) and a flipped byte; no one gains by forging it, as whoever can
 * write the cache can write a right sum.
 */
export function sumOf(bytes: readonly Buffer[], algorithm: string | undefined = crc32 ? 'crc32' : 'sha256'): string | undefined {
  if (algorithm === 'crc32' && crc32) {
    let crc = 0;
    for (const part of bytes) crc = crc32(part, crc);
    return `crc32:${crc.toString(16).padStart(8, '0')}`;
  }
  if (algorithm !== 'sha256') return undefined;
  const hash = createHash('sha256');
  for (const part of bytes) hash.update(part);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Writes `value` as JSON after a one-line header (`writeSummed`). For the cache's files whose texts go to
 * dist/ as they are read: JSON that still parses after a flipped byte would otherwise be a wrong hit.
 */
export function writeSummedJson(file: string, format: string, value: unknown): void {
  writeSummed(file, format, {}, [Buffer.from(JSON.stringify(value))]);
}

/**
 * Writes a one-line JSON header (`format`, the body's length and sum, then `fields`) and the body's parts
 * one after the other, all or nothing (`writeAtomically`). Throws when it cannot write.
 */
export function writeSummed(
  file: string,
  format: string,
  fields: Readonly<Record<string, unknown>> & { readonly format?: never; readonly bytes?: never; readonly sum?: never },
  body: readonly Buffer[],
): void {
  const bytes = body.reduce((sum, part) => sum + part.length, 0);
  writeAtomically(file, [`${JSON.stringify({ format, bytes, sum: sumOf(body), ...fields })}\n`, ...body]);
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

/** A file as read by `readSummed`: its header and body, where the body starts in the file, and which file it was. */
export interface SummedFile {
  readonly header: Record<string, unknown>;
  readonly body: Buffer;
  /** The body's offset in the file. */
  readonly bodyAt: number;
  /** The file read (`identityOf`): bytes read again later are these only while the file at its path has this identity. */
  readonly identity: string;
}

/**
 * A file of a one-line JSON header (`format`, the body's length in `bytes`, its `sum`, and whatever else
 * the format keeps there) and a body: both, or undefined when the file is missing, of another format, or
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
  const end = bytes.indexOf(0x0a);
  if (end < 0) return undefined;
  let header: Record<string, unknown> | null;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, end)) as Record<string, unknown> | null;
  } catch {
    return undefined;
  }
  if (header === null || typeof header !== 'object' || header.format !== format || typeof header.sum !== 'string') return undefined;
  const body = bytes.subarray(end + 1);
  if (body.length !== header.bytes || sumOf([body], header.sum.split(':')[0]) !== header.sum) return undefined;
  return { header, body, bodyAt: end + 1, identity };
}

/**
 * Which file a stat is of, and in which state: device, inode, size, and the modification and change times
 * in nanoseconds. A writer replaces a cache file by renaming a new one over it (a new inode, or a reused
 * one with new times) and the change time is the kernel's, which no one sets back.
 */
export function identityOf(stat: BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
