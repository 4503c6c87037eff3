import { FieldChange } from './field-changes';

/** Longest single-line value shown whole; longer ones are cut in the middle. */
const MAX_VALUE = 120;
/** Changed lines shown for a multi-line value (a dashboard's JSON, a config file). */
const MAX_LINES = 12;

/** A leaf value as one short line: plain words as they are, anything else as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.includes('\n')) return `(${value.split('\n').length} lines)`;
    const text = /^[^\s"'`#|,][^\s"'`]*$/.test(value) ? value : JSON.stringify(value);
    return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE / 2 - 2)}...${text.slice(-MAX_VALUE / 2 + 2)}` : text;
  }
  return JSON.stringify(value);
}

/** `before -> after` of a field change, `(none)` standing for a side where the field is absent. */
export function formatChange(f: FieldChange): { readonly before: string; readonly after: string; readonly lines: readonly string[] } {
  const before = 'before' in f ? formatValue(f.before) : '(none)';
  const after = 'after' in f ? formatValue(f.after) : '(none)';
  const multi = (v: unknown) => typeof v === 'string' && v.includes('\n');
  const lines = multi(f.before) || multi(f.after) ? lineChanges(asText(f.before), asText(f.after)) : [];
  return { before, after, lines };
}

/** A side of a multi-line change as text: absent is empty, a value that is not a string is shown as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/**
 * The changed stretch of a multi-line value: common leading and trailing lines dropped, the rest
 * as `- old` / `+ new` lines, at most MAX_LINES of each. Enough to see what moved in a dashboard
 * or config file without a line-diff dependency; scattered edits show as one stretch.
 */
export function lineChanges(before: string, after: string, max = MAX_LINES): string[] {
  const [a, b] = [before === '' ? [] : before.split('\n'), after === '' ? [] : after.split('\n')];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const side = (lines: string[], mark: string) => {
    const shown = lines.slice(0, max).map((l) => `${mark} ${l}`);
    return lines.length > max ? [...shown, `${mark} ... ${lines.length - max} more lines`] : shown;
  };
  const where = start > 0 ? [`@@ line ${start + 1}`] : [];
  return [...where, ...side(a.slice(start, endA), '-'), ...side(b.slice(start, endB), '+')];
}
