import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { bufferIo } from '../../lib/cli/io';
import { tempRepo, webApp, writeFiles } from '../fixtures/temp-repo';

// In-process, an app file once loaded stays loaded: the tests edit apps/releases.yaml (read on every
// synth) or add app files, never edit one.
function synth(root: string, args: string[] = []): { code: number; out: string; err: string } {
  const io = bufferIo();
  const code = main(['--root', root, 'synth', '--no-cache', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** Every file of the tree: relative path -> bytes. */
function tree(dir: string, rel = '', out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(join(dir, rel)).sort()) {
    const path = rel ? `${rel}/${entry}` : entry;
    if (statSync(join(dir, path)).isDirectory()) tree(dir, path, out);
    else out.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return out;
}

/** The paths whose bytes differ, or that exist on one side only. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

function fleet(): string {
  const root = tempRepo({
    'apps/shop/web.ts': webApp('web'),
    'apps/shop/api.ts': webApp('api'),
    'apps/payments/ledger.ts': webApp('ledger', 'payments'),
  });
  expect(synth(root).code).toBe(0);
  return root;
}

describe('platform synth --env / --team: one shard of dist/', () => {
  test('--env dev renders only dev: an edit shows in dist/dev/ only, prod keeps its old bytes', () => {
    const root = fleet();
    const before = tree(join(root, 'dist'));
    writeFiles(root, { 'apps/releases.yaml': 'shop: { web: { dev: 2.0.0, prod: 2.0.0 } }\n' });
    const result = synth(root, ['--env', 'dev']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('synthesized 3 app renderings of dev: ');
    const after = tree(join(root, 'dist'));
    expect(changed(before, after)).toEqual(['dev/shop/web.yaml']);
    expect(after.get('dev/shop/web.yaml')).toContain('image: ghcr.io/acme/web:2.0.0');
    expect(after.get('prod/shop/web.yaml')).toContain('image: ghcr.io/acme/web:1.0.0');
    // The full synth afterwards picks up prod, and only prod is left to change.
    expect(synth(root).code).toBe(0);
    expect(changed(after, tree(join(root, 'dist')))).toEqual(['prod/shop/web.yaml']);
  });

  test('--team renders only that team: its files, the kustomizations listing it and the catalog', () => {
    const root = fleet();
    const before = tree(join(root, 'dist'));
    writeFiles(root, {
      'apps/releases.yaml': 'shop: { web: { prod: 2.0.0 } }\npayments: { ledger: { prod: 2.0.0 } }\n',
      'apps/billing/invoices.ts': webApp('invoices', 'billing'),
    });
    expect(synth(root, ['--team', 'payments', '--env', 'prod']).code).toBe(0);
    const afterPayments = tree(join(root, 'dist'));
    // The catalog is made from every app resolved, so it lists billing already (documented).
    expect(changed(before, afterPayments)).toEqual(['catalog/all.yaml', 'catalog/billing/invoices.yaml', 'prod/payments/ledger.yaml']);

    expect(synth(root, ['--team', 'billing']).out).toContain('synthesized 2 app renderings of dev, prod (team billing): ');
    expect(changed(afterPayments, tree(join(root, 'dist')))).toEqual([
      'dev/billing/_namespace.yaml',
      'dev/billing/invoices.yaml',
      'dev/billing/kustomization.yaml',
      'dev/kustomization.yaml',
      'prod/billing/_namespace.yaml',
      'prod/billing/invoices.yaml',
      'prod/billing/kustomization.yaml',
      'prod/kustomization.yaml',
    ]);
  });

  test('--env is repeatable and takes comma lists; both give the same tree as a full synth', () => {
    const root = fleet();
    const full = tree(join(root, 'dist'));
    writeFiles(root, { 'apps/releases.yaml': 'shop: { web: { dev: 2.0.0, prod: 2.0.0 } }\n' });
    expect(synth(root, ['--env', 'dev,prod']).out).toContain('synthesized 6 app renderings of dev, prod: ');
    const sharded = tree(join(root, 'dist'));
    expect(changed(full, sharded)).toEqual(['dev/shop/web.yaml', 'prod/shop/web.yaml']);
    expect(synth(root, ['--env', 'prod', '--env', 'dev']).code).toBe(0);
    expect(synth(root).code).toBe(0);
    expect(changed(sharded, tree(join(root, 'dist')))).toEqual([]);
  });

  test('an unknown environment or team is a usage error naming the flag and what is known; dist/ is untouched', () => {
    const root = fleet();
    const before = tree(join(root, 'dist'));
    expect(synth(root, ['--env', 'dev,qa'])).toMatchObject({
      code: 2,
      err: "error: --env 'qa': apps/environments.ts declares no such environment (known: dev, prod). Fix: name one of them, or declare it in apps/environments.ts\n",
    });
    expect(synth(root, ['--team', 'shpo'])).toMatchObject({
      code: 2,
      err: "error: --team 'shpo': no app under apps/ belongs to this team (known: payments, shop). Fix: name one of them, or leave out --team\n",
    });
    expect(changed(before, tree(join(root, 'dist')))).toEqual([]);
  });

  test('a failing app anywhere in the fleet stops a shard synth, and dist/ is untouched', () => {
    const root = fleet();
    const before = tree(join(root, 'dist'));
    writeFiles(root, { 'apps/releases.yaml': 'shop: { web: { dev: 2.0.0 } }\n', 'apps/payments/broken.ts': webApp('broken', 'payments', 'replicaz: 2') });
    const result = synth(root, ['--env', 'dev', '--team', 'shop']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('E_UNKNOWN_FIELD');
    expect(changed(before, tree(join(root, 'dist')))).toEqual([]);
  });
});
