import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PackEntry, readPack, TextRef } from './pack-file';
import { identityOf } from './summed-file';

/**
 * Reads hits' file texts back from their packs when layout writes them, so a warm synth holds none
 * of them in the meantime (at 10,000 apps, an environment's texts were ~350 MB). A text is read only
 * from the state of the file whose sum was verified. A pack replaced since (a concurrent synth
 * renames a new one over it) is read again whole and verified, and the text taken from the entry of
 * the same key: entries are content-addressed, so it is the same text. Undefined when that fails too
 * (the entry was pruned, the pack is damaged or gone): the caller then emits the file from its
 * objects. One descriptor is open at a time: layout goes team by team, and a team's hits share a pack.
 */
export class PackTexts {
  private open?: { readonly file: string; readonly fd: number; readonly identity: string | undefined };
  /** The pack that replaced the one read, read again whole for the texts of its team's other hits. */
  private replaced?: { readonly file: string; readonly entries: ReadonlyMap<string, PackEntry> | undefined };
  /** Closes a descriptor left open by a synth that stopped before `close` (it threw): when its cache is collected. */
  private static readonly orphans = new FinalizationRegistry<{ fd?: number }>((held) => {
    if (held.fd !== undefined) PackTexts.closeQuietly(held.fd);
  });
  private readonly held: { fd?: number } = {};
  private scratch = Buffer.allocUnsafeSlow(64 * 1024);

  constructor() {
    PackTexts.orphans.register(this, this.held);
  }

  /** The text `ref` points at, or undefined when neither the pack read nor one that replaced it has it whole. */
  read(ref: TextRef): string | undefined {
    const text = this.readAt(ref);
    if (text !== undefined) return text;
    if (this.replaced?.file !== ref.file) this.replaced = { file: ref.file, entries: readPack(ref.file) };
    return this.replaced.entries?.get(ref.key)?.text.toString('utf8');
  }

  private readAt(ref: TextRef): string | undefined {
    if (this.open?.file !== ref.file) {
      this.close();
      let fd: number;
      try {
        fd = openSync(ref.file, 'r');
      } catch {
        return undefined;
      }
      let identity: string | undefined;
      try {
        identity = identityOf(fstatSync(fd, { bigint: true }));
      } catch {
        identity = undefined;
      }
      this.open = { file: ref.file, fd, identity };
      this.held.fd = fd;
    }
    if (this.open.identity !== ref.identity) return undefined;
    // One buffer for every text: one each (~25 KB, 30,000 at 10,000 apps), freed between packs read whole, left
    // main-thread malloc some 100 MB larger for good.
    if (this.scratch.length < ref.length) this.scratch = Buffer.allocUnsafeSlow(Math.max(ref.length, 2 * this.scratch.length));
    try {
      if (readSync(this.open.fd, this.scratch, 0, ref.length, ref.at) !== ref.length) return undefined;
    } catch {
      return undefined;
    }
    return this.scratch.toString('utf8', 0, ref.length);
  }

  close(): void {
    this.replaced = undefined;
    if (!this.open) return;
    PackTexts.closeQuietly(this.open.fd);
    this.open = undefined;
    this.held.fd = undefined;
  }

  private static closeQuietly(fd: number): void {
    try {
      closeSync(fd);
    } catch {
      // Closed already.
    }
  }
}
