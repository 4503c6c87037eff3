import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { FINAL_FILES } from '../fixtures';
import { FinalFile } from '../rendered-file';
import { RunDetail, Scenario } from '../scenario';

/** The options lib/output/emit-yaml.ts holds yaml to (the fastest the yaml library offers for these bytes). */
const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, directives: false } as const;

/**
 * (3) The serialization floor: the pipeline's own final tree, as objects already in their final
 * order (prepared untimed by the fixtures step), stringified with the same yaml library and
 * options and written to the same paths in a fresh folder. It writes the same bytes as the
 * pipeline, so no synth of this fleet can be cheaper; everything (1) spends above it is resolve,
 * build, synth, checks, canonical ordering and the atomic swap.
 *
 * Each file's objects stay JSON text until their turn and the decoding is taken out of the
 * measurement: the whole fleet decoded up front is a heap of pointer-rich objects that makes
 * every collection of yaml's garbage expensive (at 3,000 apps, 63 s of GC instead of 3 s), which
 * would measure V8's heap rather than serialization.
 */
export const scenario: Scenario<string[]> = {
  id: 'yaml-floor',
  prepare(input) {
    if (!input.fixturesDir) throw new Error('bug: yaml-floor needs the fleet fixtures');
    // Copies, so no line keeps the whole file's text alive as its parent.
    return readFileSync(join(input.fixturesDir, FINAL_FILES), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => Buffer.from(l).toString());
  },
  run(lines, input): RunDetail {
    const root = join(input.workDir, 'floor');
    const made = new Set<string>();
    let objects = 0;
    let bytes = 0;
    let decodeNs = 0n;
    let decodeCpuUs = 0;
    for (const line of lines) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const file = JSON.parse(line) as FinalFile;
      decodeCpuUs += cpuSince(c0);
      decodeNs += process.hrtime.bigint() - t0;

      const content = serialize(file);
      const path = join(root, file.path);
      const dir = dirname(path);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(path, content);
      objects += file.documents.length;
      // The synthetic fleet is ASCII, so string length is byte length (and costs nothing to read).
      bytes += content.length;
    }
    return { objects, files: lines.length, bytes, untimed: { wallMs: Number(decodeNs) / 1e6, cpuMs: decodeCpuUs / 1000 } };
  },
};

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return d.user + d.system;
}

/** The file's bytes: header, then each document (after `---` in multi-document files). */
export function serialize(file: FinalFile): string {
  if (!file.separated) return file.header + file.documents.map((d) => stringify(d, YAML_OPTIONS)).join('---\n');
  let content = file.header;
  for (const document of file.documents) content += `---\n${stringify(document, YAML_OPTIONS)}`;
  return content;
}
