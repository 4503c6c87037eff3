import { isMap, isPair, isScalar, LineCounter, Node, parseDocument, stringify, YAMLMap } from 'yaml';

/**
 * Sets the pin of one app in one environment and returns the new file text. Only that entry's
 * bytes change: an existing value is replaced in place (source range from the yaml document API),
 * a new entry is a new line under its parent; comments and formatting elsewhere stay exactly.
 */
export function setPin(text: string, path: readonly [team: string, app: string, environment: string], pin: string): string {
  const doc = parseDocument(text, { lineCounter: new LineCounter() });
  const existing = doc.getIn(path, true) as Node | undefined;
  if (existing && isScalar(existing) && existing.range) {
    return text.slice(0, existing.range[0]) + scalar(pin) + text.slice(existing.range[1]);
  }
  // The deepest map on the path that exists: the new lines go under it.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = (depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)) as Node | null | undefined;
    if (depth === 0 && (parent === null || parent === undefined || (isScalar(parent) && parent.value === null))) {
      return appendBlock(text, path, 0, pin);
    }
    if (!isMap(parent)) continue;
    const rest = path.slice(depth);
    const edited = parent.flow || parent.items.length === 0 ? insertIntoFlow(text, parent, rest, pin) : insertUnder(text, parent, rest, pin);
    return edited ?? viaDocument(text, path, pin);
  }
  return viaDocument(text, path, pin);
}

/** A YAML scalar for the pin, quoted where a plain scalar would change meaning ('1.10', '@sha…'). */
function scalar(pin: string): string {
  return stringify(pin).trimEnd();
}

/** Inserts `rest` (the missing keys) as new lines after the last entry of a block map. */
function insertUnder(text: string, parent: YAMLMap, rest: readonly string[], pin: string): string | undefined {
  const first = parent.items[0];
  const last = parent.items[parent.items.length - 1];
  if (!isPair(first) || !isPair(last) || !isScalar(first.key) || !first.key.range) return undefined;
  const lineStart = text.lastIndexOf('\n', first.key.range[0] - 1) + 1;
  const indent = first.key.range[0] - lineStart;
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
  const newline = text.indexOf('\n', Math.max(lastEnd - 1, 0));
  const at = newline === -1 ? text.length : newline + 1;
  const prefix = newline === -1 ? '\n' : '';
  return text.slice(0, at) + prefix + block(rest, indent, pin) + text.slice(at);
}

function appendBlock(text: string, path: readonly string[], indent: number, pin: string): string {
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return text + sep + block(path, indent, pin);
}

/** Adds `key: …` before the closing brace of a flow map (`{ dev: 1.0 }` or `{}`), touching nothing else. */
function insertIntoFlow(text: string, parent: YAMLMap, rest: readonly string[], pin: string): string | undefined {
  const end = parent.range?.[1];
  const close = end === undefined ? -1 : text.lastIndexOf('}', end - 1);
  if (close < 0) return undefined;
  const entry = rest.slice(0, -1).reduceRight((inner, key) => `${key}: { ${inner} }`, `${rest[rest.length - 1]}: ${scalar(pin)}`);
  const before = text.slice(0, close).trimEnd();
  const joiner = parent.items.length > 0 ? ', ' : before.endsWith('{') ? ' ' : '';
  return `${before}${joiner}${entry} ${text.slice(close)}`;
}

/** `team:\n  app:\n    env: pin\n` for the keys given, starting at `indent`. */
function block(keys: readonly string[], indent: number, pin: string): string {
  const step = 2;
  return keys.map((key, i) => `${' '.repeat(indent + i * step)}${key}:${i === keys.length - 1 ? ` ${scalar(pin)}` : ''}\n`).join('');
}

/** Flow-style maps cannot be edited line-wise; the document API keeps comments but may reformat. */
function viaDocument(text: string, path: readonly string[], pin: string): string {
  const doc = parseDocument(text);
  doc.setIn(path, pin);
  return doc.toString();
}
