import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { resolveApp } from '../../lib/environments/resolve';
import { Release } from '../../lib/environments/resolve-image';
import { AppDefinition, SourcedApp } from '../../lib/model/app-definition';
import { ResolvedApp } from '../../lib/model/resolved-app';
import { ResolvedEnvironment } from '../../lib/model/resolved-environment';
import { ResolveMemo } from '../../lib/pipeline/cache/resolve-memo';
import { sumOf } from '../../lib/pipeline/cache/summed-file';
import { tempDir } from '../fixtures/temp-dir';
import { resolvedEnvironment, sourced, testEnvironment, webDef, workerDef } from '../helpers';

const DEV = resolvedEnvironment(testEnvironment({ name: 'dev' }));

/** One run of the memo over `apps` in `env`, stored as a successful synth stores it: what it returned and did. */
function run(folder: string, apps: readonly SourcedApp[], options: { env?: ResolvedEnvironment; release?: Release } = {}) {
  const env = options.env ?? DEV;
  const memo = new ResolveMemo(folder, apps);
  const resolved = apps.map((a) => memo.alone(a, env, options.release, () => resolveApp(a, env, options.release)));
  memo.resolved();
  memo.store();
  return { resolved, stats: { ...memo.stats } };
}

const payments = webDef({ name: 'payments', team: 'pay' });
const checkout = webDef({ name: 'checkout', team: 'shop', dependsOn: [payments] });
const cart = webDef({ name: 'cart', team: 'shop' });
const FLEET = [sourced(checkout), sourced(cart), sourced(payments)];

/** The memo file of `team` in dev, and its parts: the body and the header line after it. */
function memoFile(folder: string, team: string) {
  const path = join(folder, 'dev', `${team}.resolved`);
  const bytes = readFileSync(path);
  const end = bytes.lastIndexOf(0x0a, bytes.length - 2);
  return { path, header: JSON.parse(bytes.toString('utf8', end + 1)) as Record<string, unknown>, body: bytes.subarray(0, end) };
}

/** A memo file's bytes: `body`, then `header` on its own line. */
function memoBytes(header: Record<string, unknown>, body: Buffer): Buffer {
  return Buffer.concat([body, Buffer.from(`\n${JSON.stringify(header)}\n`)]);
}

describe('resolve memo: keys', () => {
  test('an app resolves again when a definition its dependsOn points at changes (its key holds that definition), and only then', () => {
    const folder = tempDir();
    expect(run(folder, FLEET).stats).toEqual({ hits: 0, misses: 3 });
    expect(run(folder, FLEET).stats).toEqual({ hits: 3, misses: 0 });
    const edited = { ...payments, env: { EDITED: 'yes' } } as AppDefinition;
    // As an import would: the caller's dependsOn now holds the edited definition, the caller's own fields are unchanged.
    const apps = [sourced({ ...checkout, dependsOn: [edited] }), sourced(cart), sourced(edited)];
    expect(run(folder, apps).stats).toEqual({ hits: 1, misses: 2 });
    expect(run(folder, apps).stats).toEqual({ hits: 3, misses: 0 });
  });

  test("the app's file name is part of its key, and that of a definition its dependsOn points at", () => {
    const folder = tempDir();
    run(folder, FLEET);
    const moved = [sourced(checkout), sourced(cart), { definition: payments, source: 'apps/pay/payments-v2.ts' }];
    expect(run(folder, moved).stats).toEqual({ hits: 1, misses: 2 });
  });

  test("a release is part of an entry's key", () => {
    const folder = tempDir();
    run(folder, FLEET);
    expect(run(folder, FLEET, { release: { tag: '1.2.3' } }).stats).toEqual({ hits: 0, misses: 3 });
    expect(run(folder, FLEET, { release: { tag: '1.2.3' } }).stats).toEqual({ hits: 3, misses: 0 });
    const pinned = run(folder, FLEET, { release: { tag: '1.2.4' } });
    expect(pinned.stats).toEqual({ hits: 0, misses: 3 });
    expect(pinned.resolved[1].image).toMatch(/:1\.2\.4$/);
  });

  test("the environment is its files' key: another environment of the same name reads no entry, and the file then holds only the other's", () => {
    const folder = tempDir();
    run(folder, FLEET);
    const other = resolvedEnvironment(testEnvironment({ name: 'dev', domain: 'dev2.example.com' }));
    expect(run(folder, FLEET, { env: other }).stats).toEqual({ hits: 0, misses: 3 });
    expect(run(folder, FLEET).stats).toEqual({ hits: 0, misses: 3 });
    expect(run(folder, FLEET).stats).toEqual({ hits: 3, misses: 0 });
  });
  test('keys a final app by what the dependencies changed: every change its own key, the same change the same key', () => {
    const memo = new ResolveMemo(tempDir(), FLEET);
    const alone = memo.alone(FLEET[1], DEV, undefined, () => resolveApp(FLEET[1], DEV));
    const keyOf = (final: ResolvedApp) => {
      memo.final(alone, final);
      return memo.keyOf(final);
    };
    const { env, ...withoutEnv } = alone;
    const { name, ...rest } = alone;
    const finals: Record<string, ResolvedApp> = {
      'nothing changed': alone,
      'a variable added': { ...alone, env: [...env, { name: 'CART_ADDR', value: 'cart:8080' }] },
      'a field added': { ...alone, extra: 1 } as ResolvedApp,
      'a field dropped': withoutEnv as ResolvedApp,
      'a field moved last': { ...rest, name },
      'a field undefined': { ...alone, description: undefined, extra: undefined } as ResolvedApp,
      'a peer added': { ...alone, network: { ...alone.network, ingress: [...alone.network.ingress, { kind: 'namespace', namespace: 'x', protocol: 'TCP' }] } },
    };
    const keys = Object.entries(finals).map(([what, final]) => [what, keyOf(final)]);
    expect(keys.every(([, key]) => typeof key === 'string' && /^[0-9a-f]{64}$/.test(key))).toBe(true);
    expect(new Set(keys.map(([, key]) => key)).size).toBe(keys.length);
    expect(keyOf({ ...alone, env: [...env, { name: 'CART_ADDR', value: 'cart:8080' }] })).toBe(keys[1][1]);
    expect(keyOf({ ...alone, extra: 1 } as ResolvedApp)).toBe(keys[2][1]);
  });
});

describe('resolve memo: files', () => {
  test('the apps of one file read back equal to their resolution, their equal parts one object', () => {
    const folder = tempDir();
    const fresh = run(folder, FLEET).resolved;
    const warm = run(folder, FLEET).resolved;
    expect(warm).toEqual(fresh);
    const [checkoutApp, cartApp] = warm;
    expect(checkoutApp.network.dns).toBe(cartApp.network.dns);
    expect(checkoutApp.probes).toBe(cartApp.probes);
    expect(fresh[0].probes).not.toBe(fresh[1].probes);
    expect(memoFile(folder, 'shop').header.entries).toHaveLength(2);
  });

  test('a few new entries are written loose, sharing parts among themselves only; once a quarter of the file is loose it is shared whole again', () => {
    const folder = tempDir();
    const shop = ['a', 'b', 'c', 'd'].map((name) => sourced(webDef({ name, team: 'shop' })));
    const edit = (apps: SourcedApp[], i: number) => apps.map((a, j) => (j === i ? sourced({ ...a.definition, env: { EDITED: 'yes' } }) : a));
    run(folder, shop);
    expect(memoFile(folder, 'shop').header.loose).toBe(0);
    const once = edit(shop, 1);
    expect(run(folder, once).stats).toEqual({ hits: 3, misses: 1 });
    expect(memoFile(folder, 'shop').header.loose).toBe(1);
    const [a, b, c] = run(folder, once).resolved;
    expect(a.probes).toBe(c.probes);
    expect(b.probes).not.toBe(a.probes);
    expect(b.probes).toEqual(a.probes);
    const twice = edit(once, 2);
    expect(run(folder, twice).stats).toEqual({ hits: 3, misses: 1 });
    expect(memoFile(folder, 'shop').header.loose).toBe(0);
    const warm = run(folder, twice).resolved;
    expect(warm[1].probes).toBe(warm[0].probes);
    expect(warm[2].probes).toBe(warm[0].probes);
    expect(warm).toEqual(run(tempDir(), twice).resolved);
  });

  test('a file cut short is a miss for its entries, which are resolved and written whole again', () => {
    const folder = tempDir();
    const fresh = run(folder, FLEET).resolved;
    const { path } = memoFile(folder, 'shop');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    const again = run(folder, FLEET);
    expect(again.stats).toEqual({ hits: 1, misses: 2 });
    expect(again.resolved).toEqual(fresh);
    expect(run(folder, FLEET).stats).toEqual({ hits: 3, misses: 0 });
  });

  test('files read back whole and used whole are let go once an environment resolved (nothing to write); those with news are kept for the store', () => {
    const folder = tempDir();
    run(folder, FLEET);
    const memo = new ResolveMemo(folder, FLEET);
    const resolveAll = (apps: readonly SourcedApp[]) => apps.forEach((a) => memo.alone(a, DEV, undefined, () => resolveApp(a, DEV)));
    resolveAll(FLEET);
    memo.resolved();
    expect(memo.stats).toEqual({ hits: 3, misses: 0 });
    // Let go: resolving dev again reads the files anew, so a file cut since is a miss now.
    const { path } = memoFile(folder, 'shop');
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, whole.length - 100));
    resolveAll(FLEET);
    memo.resolved();
    expect(memo.stats).toEqual({ hits: 4, misses: 2 });
    // The shop file has news (its entries resolved again): kept, and written whole by the store.
    memo.store();
    expect(readFileSync(path).length).toBe(whole.length);
    expect(run(folder, FLEET).stats).toEqual({ hits: 3, misses: 0 });
  });

  test('a file read back whole and used whole is let go as soon as resolution leaves it, before the environment has resolved', () => {
    const folder = tempDir();
    run(folder, FLEET);
    const memo = new ResolveMemo(folder, FLEET);
    const resolve = (a: SourcedApp) => memo.alone(a, DEV, undefined, () => resolveApp(a, DEV));
    // checkout and cart are the shop's: payments' file is entered after the shop's is left.
    FLEET.forEach(resolve);
    expect(memo.stats).toEqual({ hits: 3, misses: 0 });
    const { path } = memoFile(folder, 'shop');
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, whole.length - 100));
    // Entered again (resolution does not, team by team), the shop's file is read anew: cut, so a miss.
    resolve(FLEET[1]);
    expect(memo.stats).toEqual({ hits: 3, misses: 1 });
  });

  test('a file whose blocks were lost (its body zeros, of the same length) is a miss', () => {
    const folder = tempDir();
    run(folder, FLEET);
    const { path, header, body } = memoFile(folder, 'shop');
    writeFileSync(path, memoBytes(header, Buffer.alloc(body.length)));
    expect(run(folder, FLEET).stats).toEqual({ hits: 1, misses: 2 });
  });

  test('a file whose body matches its sum (CRC-32, or sha256 on a Node without it) but does not read back as one resolution per entry is a miss', () => {
    const folder = tempDir();
    const fresh = run(folder, FLEET).resolved;
    const { path, header } = memoFile(folder, 'shop');
    for (const body of [serialize(['one entry too few']), serialize(['not an app', null]), Buffer.from('not V8 at all')]) {
      writeFileSync(path, memoBytes({ ...header, bytes: body.length, sum: sumOf([body]) }, body));
      const again = run(folder, FLEET);
      expect(again.stats).toEqual({ hits: 1, misses: 2 });
      expect(again.resolved).toEqual(fresh);
    }
    expect(run(folder, FLEET).stats).toEqual({ hits: 3, misses: 0 });
  });

  test('stores what resolution returned, whatever later stages did to the values it handed out before the store', () => {
    const folder = tempDir();
    const mailer = sourced(workerDef({ name: 'mailer', team: 'shop' }));
    // Only what resolution made for the app: its DNS peers, say, are the environment's own object.
    const scribble = (app: ResolvedApp) => {
      (app.labels as Record<string, string>).scribbled = 'yes';
      (app.env as { name: string; value: string }[]).push({ name: 'SCRIBBLED', value: 'yes' });
    };
    /** A run that changes what it was handed before storing; `mailer` after the shop's others, so their file is the one read. */
    const scribbling = (apps: readonly SourcedApp[]) => {
      const memo = new ResolveMemo(folder, apps);
      const resolved = apps.map((a) => memo.alone(a, DEV, undefined, () => resolveApp(a, DEV)));
      // As resolveEnvironmentApps tells it, before the graph and everything after it are given the apps.
      memo.resolved();
      resolved.forEach(scribble);
      memo.store();
      return memo.stats;
    };
    const shop = FLEET.filter((a) => a.definition.team === 'shop');
    const pristine = run(tempDir(), [...shop, mailer]).resolved;
    expect(scribbling(shop)).toEqual({ hits: 0, misses: 2 });
    // Two entries read back and one new: the file is written again.
    expect(scribbling([...shop, mailer])).toEqual({ hits: 2, misses: 1 });
    const warm = run(folder, [...shop, mailer]);
    expect(warm.stats).toEqual({ hits: 3, misses: 0 });
    expect(warm.resolved).toEqual(pristine);
    expect(readdirSync(join(folder, 'dev'))).toEqual(['shop.resolved']);
  });
});
