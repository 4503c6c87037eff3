/**
 * Kubernetes resource quantities ('250m', '1.5', '512Mi', '2G'), parsed so that mistakes such as
 * '500mi', '1.5.0', '-1Gi' or memory in millibytes fail at resolution rather than at apply time.
 */

const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)([KMGTPE]i|[mkMGTPE]|[eE][+-]?\d+)?$/;

const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export type QuantityKind = 'cpu' | 'bytes';

export type ParsedQuantity = { readonly value: number } | { readonly problem: string; readonly fix: string };

/** Parses a quantity into base units (cores or bytes), or says what is wrong with it. */
export function parseQuantity(text: string, kind: QuantityKind): ParsedQuantity {
  const example = kind === 'cpu' ? "'250m' or '1'" : "'512Mi' or '2Gi'";
  if (typeof text !== 'string') {
    return { problem: 'must be a string quantity', fix: `write it as a string, e.g. ${example}` };
  }
  if (text.startsWith('-')) return { problem: 'must not be negative', fix: `use a positive quantity, e.g. ${example}` };
  const match = QUANTITY.exec(text);
  if (!match) {
    const hint = /^\d+(\.\d+)?[a-z]i$/.test(text) ? ` (binary suffixes are capitalised: '${text.slice(0, -2)}${text.slice(-2, -1).toUpperCase()}i')` : '';
    return { problem: `is not a Kubernetes quantity${hint}`, fix: `use a number with an optional suffix, e.g. ${example}` };
  }
  const suffix = match[2] ?? '';
  if (kind === 'bytes' && suffix === 'm') {
    return { problem: "is in millibytes ('m'); memory and storage take 'Mi' or 'M'", fix: `write '${match[1]}Mi'` };
  }
  const base = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  const value = Number(match[1]) * base;
  if (value <= 0) return { problem: 'must be greater than zero', fix: `use a positive quantity, e.g. ${example}` };
  return { value };
}
