import { stringify } from 'yaml';

/**
 * Block-style YAML for plain JSON data (objects, arrays, strings, numbers, booleans, null),
 * byte-for-byte what `yaml`'s `stringify` writes with `YAML_OPTIONS`, at a fraction of its cost:
 * the structure is written here, and every scalar is written by `yaml` itself (once per distinct
 * value per YamlEmitter), so quoting, block scalars and escapes stay the library's. Serialization
 * was the largest stage of synth (bench/).
 */

/**
 * What yaml is asked for: no line folding (a changed value is a one-line diff), no aliases, and no
 * `%TAG` directive pass (a walk of the whole tree looking for custom tags that plain data never has).
 */
export const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, directives: false } as const;

const INDENT = '  ';

/**
 * Writes YAML, remembering how each distinct scalar and key is written for its own life: one
 * layout of the fleet (layoutFleet makes one for every file it renders). A fleet repeats its
 * values (labels, names, images) across files, so most of them are looked up, not re-stringified.
 */
export class YamlEmitter {
  private readonly scalars = new Map<string, string>();
  private readonly keys = new Map<string, string>();

  emit(value: unknown): string {
    if (!isContainer(value) || isEmpty(value)) return stringify(value, YAML_OPTIONS);
    const out: string[] = [];
    this.emitContainer(value, '', out);
    return out.join('');
  }

  private emitContainer(value: object, indent: string, out: string[]): void {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isContainer(item) && !isEmpty(item)) {
          // `- ` then the container's first line on the same line, the rest indented under it.
          const inner: string[] = [];
          this.emitContainer(item, `${indent}${INDENT}`, inner);
          out.push(`${indent}- ${inner.join('').slice(indent.length + INDENT.length)}`);
        } else {
          out.push(`${indent}- ${this.scalar(item, indent)}\n`);
        }
      }
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const key = this.keyText(k);
      if (isContainer(v) && !isEmpty(v)) {
        out.push(`${indent}${key}:\n`);
        this.emitContainer(v, `${indent}${INDENT}`, out);
      } else {
        out.push(`${indent}${key}: ${this.scalar(v, indent)}\n`);
      }
    }
  }

  /** A scalar (or an empty container) as yaml writes it as a map value at this indentation. */
  private scalar(value: unknown, indent: string): string {
    if (value === null) return 'null';
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'number') return this.plainOrDelegate(value);
    if (typeof value === 'string') {
      if (!value.includes('\n')) return this.plainOrDelegate(value);
      // A multi-line string becomes a block scalar whose lines are indented one level deeper than
      // its key: ask yaml for it at the top level and move it to this depth.
      const text = stringify({ k: value }, YAML_OPTIONS).slice(3).replace(/\n$/, '');
      // Blank lines inside a block scalar stay blank: yaml does not indent them.
      return indent ? text.replace(/\n(?!\n|$)/g, `\n${indent}`) : text;
    }
    return stringify(value, YAML_OPTIONS).replace(/\n$/, '');
  }

  private plainOrDelegate(value: string | number): string {
    const id = typeof value === 'number' ? `n:${value}` : `s:${value}`;
    let text = this.scalars.get(id);
    if (text === undefined) {
      text = stringify({ k: value }, YAML_OPTIONS).slice(3).replace(/\n$/, '');
      this.scalars.set(id, text);
    }
    return text;
  }

  private keyText(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) {
      text = stringify({ [key]: null }, YAML_OPTIONS).replace(/: null\n$/, '');
      this.keys.set(key, text);
    }
    return text;
  }
}

/** One value as YAML, with an emitter of its own (a run that writes many files shares one YamlEmitter). */
export function emitYaml(value: unknown): string {
  return new YamlEmitter().emit(value);
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}
