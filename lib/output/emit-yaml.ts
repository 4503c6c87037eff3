import { stringify } from 'yaml';

/**
 * Block-style YAML for plain JSON data (objects, arrays, strings, numbers, booleans, null),
 * byte-for-byte what `yaml`'s `stringify` writes with `YAML_OPTIONS`, at a fraction of its cost:
 * the structure is written here, and every scalar that could need quoting or a block is written by
 * `yaml` itself (once per distinct value per YamlEmitter), so quoting, block scalars and escapes
 * stay the library's. Serialization was the largest stage of synth (bench/).
 */

/**
 * What yaml is asked for: no line folding (a changed value is a one-line diff), no aliases, and no
 * `%TAG` directive pass (a walk of the whole tree looking for custom tags that plain data never has).
 */
export const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, directives: false } as const;

const INDENT = '  ';

/**
 * Strings yaml writes as they are (plain): a letter, `_` or `/` first (no indicator character, no
 * number), then printable ASCII, with a `:` only before a non-space and a space only before a
 * character other than a space or `#` (so never `: `, ` #`, a trailing space or `:`). Names,
 * labels, images, PromQL and sentences are; anything else is asked of yaml, and
 * test/output/emit-yaml.test.ts holds this to yaml's own output.
 */
const PLAIN_STRING = /^[A-Za-z_/](?:[!-9;-~]|:(?=[!-~])| (?=[!"$-~]))*$/;
/** The words of the YAML 1.2 core schema that a plain scalar would turn into null or a boolean. */
const CORE_WORD = /^(?:null|true|false)$/i;

/** How an object's keys are walked: every key with a value, in the object's own order by default. */
export type KeyOrder = (value: object) => readonly string[];

const definedKeys: KeyOrder = (value) => Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);

/**
 * Writes YAML, remembering how each distinct scalar and key is written for its own life: one
 * layout of the fleet (layoutFleet makes one for every file it renders). A fleet repeats its
 * values (labels, names, images) across files, so most of them are looked up, not re-stringified.
 */
export class YamlEmitter {
  private readonly scalars = new Map<string | number, string>();
  /** Block scalars by indentation, then value. */
  private readonly blocks = new Map<string, Map<string, string>>();
  private readonly keys = new Map<string, string>();

  /** `keys` orders each object's keys (render-yaml passes the canonical order, so no sorted copy of the tree is made). */
  emit(value: unknown, keys: KeyOrder = definedKeys): string {
    if (!isContainer(value) || isEmpty(value)) return stringify(value, YAML_OPTIONS);
    return this.container(value, '', '', keys);
  }

  /** A non-empty container at `indent`; its first line starts with `first` (`- ` when it is a list item) instead of `indent`. */
  private container(value: object, indent: string, first: string, keys: KeyOrder): string {
    // Concatenation, not an array joined at the end: V8 builds ropes, so nothing is copied until the file is written.
    let out = '';
    let lead = first;
    const inner = indent + INDENT;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        out += isContainer(item) && !isEmpty(item) ? this.container(item, inner, `${lead}- `, keys) : `${lead}- ${this.scalar(item, indent)}\n`;
        lead = indent;
      }
      return out;
    }
    for (const k of keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      const key = this.keyText(k);
      out += isContainer(v) && !isEmpty(v) ? `${lead}${key}:\n${this.container(v, inner, inner, keys)}` : `${lead}${key}: ${this.scalar(v, indent)}\n`;
      lead = indent;
    }
    return out;
  }

  /** A scalar (or an empty container) as yaml writes it as a map value at this indentation. */
  private scalar(value: unknown, indent: string): string {
    if (value === null) return 'null';
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'number') {
      // yaml writes a safe integer as JSON does (and -0 as `-0`, hence the exception).
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : this.delegate(value);
    }
    if (typeof value === 'string') {
      if (PLAIN_STRING.test(value) && !CORE_WORD.test(value)) return value;
      if (!value.includes('\n')) return this.delegate(value);
      return this.block(value, indent);
    }
    return stringify(value, YAML_OPTIONS).replace(/\n$/, '');
  }

  private delegate(value: string | number): string {
    let text = this.scalars.get(value);
    if (text === undefined) {
      text = stringify({ k: value }, YAML_OPTIONS).slice(3).replace(/\n$/, '');
      this.scalars.set(value, text);
    }
    return text;
  }

  /**
   * A multi-line string as a block scalar whose lines are indented one level deeper than its key:
   * yaml writes it at the top level and it is moved to this depth. Remembered, as an app's
   * dashboards and rules are the same text at the same depth in every environment.
   */
  private block(value: string, indent: string): string {
    let atDepth = this.blocks.get(indent);
    if (!atDepth) {
      atDepth = new Map<string, string>();
      this.blocks.set(indent, atDepth);
    }
    let text = atDepth.get(value);
    if (text === undefined) {
      text = stringify({ k: value }, YAML_OPTIONS).slice(3).replace(/\n$/, '');
      // Blank lines inside a block scalar stay blank: yaml does not indent them.
      if (indent) text = text.replace(/\n(?!\n|$)/g, `\n${indent}`);
      atDepth.set(value, text);
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
export function emitYaml(value: unknown, keys?: KeyOrder): string {
  return new YamlEmitter().emit(value, keys);
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** Empty as yaml sees it: no items, or no key with a value (yaml writes `{}` for an object of undefined values). */
function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}
