import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { FINAL_FILES } from '../fixtures';
import { FinalFile, readJsonLines } from '../rendered-file';
import { RunDetail, Scenario } from '../scenario';

/** The options render-yaml.ts uses (the fastest the yaml library offers for these bytes). */
const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, directives: false } as const;

/**
 * (3) The serialization floor: the pipeline's own final tree, as objects already in their final
 * order (parsed back from the pipeline's output, untimed), stringified with the same yaml library
 * and options and written to the same paths in a fresh folder. It writes the same bytes as the
 * pipeline, so no synth of this fleet can be cheaper; everything (1) spends above it is resolve,
 * build, synth, checks, canonical ordering and the atomic swap.
 */
export const scenario: Scenario<FinalFile[]> = {
  id: 'yaml-floor',
  title: 'serialization floor: yaml stringify + write of the final objects',
  prepare(input) {
    if (!input.fixturesDir) throw new Error('bug: yaml-floor needs the fleet fixtures');
    return readJsonLines<FinalFile>(join(input.fixturesDir, FINAL_FILES));
  },
  run(files, input): RunDetail {
    const root = join(input.workDir, 'floor');
    const made = new Set<string>();
    let objects = 0;
    let bytes = 0;
    for (const file of files) {
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
    return { objects, files: files.length, bytes };
  },
};

/** The file's bytes: header, then each document (after `---` in multi-document files). */
export function serialize(file: FinalFile): string {
  if (!file.separated) return file.header + file.documents.map((d) => stringify(d, YAML_OPTIONS)).join('---\n');
  let content = file.header;
  for (const document of file.documents) content += `---\n${stringify(document, YAML_OPTIONS)}`;
  return content;
}
