/**
 * Heuristics for literal values that look like credentials. The reason names the kind of secret,
 * never the value: findings are printed in CI logs.
 */

/** Words that say "this is a credential": DB_PASSWORD, apiKey, STRIPE_SECRET_KEY. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'pass', 'pwd', 'secret', 'token', 'credential', 'credentials', 'apikey']);
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key', 'secret key', 'client secret']);
/** Last words that say the value is where a secret is or something about it, not the secret itself. */
const REFERENCE_WORDS = new Set([
  'file',
  'path',
  'dir',
  'url',
  'uri',
  'endpoint',
  'name',
  'ref',
  'id',
  'ttl',
  'timeout',
  'length',
  'header',
  'enabled',
  'type',
  'mode',
]);

/**
 * What a credential looks like, with a piece of text every match contains: a value without it is
 * not scanned with the pattern (config values include whole dashboards, tens of kilobytes each).
 */
const PATTERNS: readonly (readonly [RegExp, string, string])[] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key', 'PRIVATE KEY-----'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id', 'AKIA'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token', 'gh'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token', 'xox'],
  [/\b(sk|rk)_live_[A-Za-z0-9]{16,}/, 'a Stripe live key', '_live_'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key', 'AIza'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JSON Web Token', 'eyJ'],
  // The password may be a $(VAR) reference to a secret env var: Kubernetes fills it in. The
  // lookbehind starts a scheme only where a word starts, which keeps the scan linear in the length
  // of the value (a config file can be a megabyte).
  [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:(?!\$\([-._a-zA-Z][-._a-zA-Z0-9]*\)@)[^\s/@]+@/i, 'a URL with a password in it', '://'],
];

/** Why a literal key/value pair looks like a secret, or undefined when it does not. */
export function looksSecret(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  for (const [pattern, what, needle] of PATTERNS) {
    if (value.includes(needle) && pattern.test(value)) return `its value looks like ${what}`;
  }
  if (isSecretName(name) && !isPlaceholder(value)) {
    return `its name says it is a credential and it has a literal value`;
  }
  return undefined;
}

/** Splits `DB_PASSWORD`, `apiKey`, `client-secret` into lowercase words and looks for credential words. */
function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.length === 0 || REFERENCE_WORDS.has(words[words.length - 1])) return false;
  return words.some((w, i) => SECRET_WORDS.has(w) || SECRET_PAIRS.has(`${w} ${words[i + 1] ?? ''}`));
}

/** Values that are plainly not secrets: a path, a $(VAR) reference, a boolean or a small number. */
function isPlaceholder(value: string): boolean {
  return value.startsWith('/') || /^\$\(.+\)$/.test(value) || /^(true|false|yes|no|on|off|enabled|disabled)$/i.test(value) || /^\d{1,6}$/.test(value);
}
