import { GOLDEN_PATH_PACK } from '../../lib/policy/pack';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkCommand } from '../../lib/cli/commands/check';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { CheckReport } from '../../lib/policy/report';
import { tempRepo, webApp } from '../fixtures/temp-repo';

const WAIVER = "waivers: [{ rule: 'secret-in-env', reason: 'rotated nightly, moving to ExternalSecret in Q3', owner: 'team-shop', expires: '2025-09-30' }]";
const LEAK = "env: { DB_PASSWORD: 'hunter2-correct-horse' }";
/** One pod in production: resolution accepts it, the policy pack does not (a literal secret no longer gets this far). */
const SINGLE = "environments: { prod: { replicas: { kind: 'fixed', count: 1 } } }";

describe('platform check (in-process)', () => {
  test('exits 0 on a clean fleet, writes nothing, and says what it checked', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    const io = bufferIo();
    expect(main(['--root', root, 'check'], io)).toBe(0);
    expect(io.stdout()).toContain(`Checked against Kubernetes 1.28.0 schemas and ${GOLDEN_PATH_PACK.length} policy rules`);
    expect(io.stdout()).toContain('No findings.');
    expect(io.stdout()).toMatch(
      /PASSED: 0 errors, 0 warnings, 0 waived findings; 0 expired waivers, 0 unused waivers \(\d+ objects from 2 source files in 2 environments\)/,
    );
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  test('exits 1 on an error and prints it under its environment and app, with construct path and source file', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', SINGLE) });
    const io = bufferIo();
    expect(main(['--root', root, 'check'], io)).toBe(1);
    const out = io.stdout();
    expect(out).toContain(
      "prod\n  shop/web  (apps/shop/web.ts)\n    error     prod-replicas  Deployment shop/web\n              Deployment 'web' runs 1 pod(s)\n              at prod/web/Deployment/web  field spec.replicas",
    );
    expect(out).not.toMatch(/\ndev\n/);
    expect(out).toContain('FAILED: 1 error');
  });

  test('exits 1 on a literal secret in a definition before any check runs, without printing it', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', LEAK) });
    const io = bufferIo();
    expect(main(['--root', root, 'check'], io)).toBe(1);
    expect(io.stderr()).toContain("apps/shop/web.ts: app 'web': environment 'dev, prod': 'env.DB_PASSWORD' holds what looks like a literal secret");
    expect(io.stderr()).toContain('[E_SECRET_LITERAL]');
    expect(io.stdout() + io.stderr()).not.toContain('hunter2');
  });

  test('--json prints the report for machines, with the same exit code', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', SINGLE) });
    const io = bufferIo();
    expect(main(['--root', root, 'check', '--json'], io)).toBe(1);
    const report = JSON.parse(io.stdout()) as CheckReport;
    expect(report.passed).toBe(false);
    expect(report.findings.map((f) => `${f.environment} ${f.app} ${f.rule} ${f.source}`)).toEqual(['prod web prod-replicas apps/shop/web.ts']);
  });

  test('--env checks one environment', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', SINGLE) });
    const io = bufferIo();
    expect(main(['--root', root, 'check', '--env', 'prod', '--json'], io)).toBe(1);
    const report = JSON.parse(io.stdout()) as CheckReport;
    expect(report.environments).toEqual(['prod']);
    expect(report.findings.map((f) => f.environment)).toEqual(['prod']);
    expect(main(['--root', root, 'check', '--env', 'dev'], bufferIo())).toBe(0);
  });

  test('exits 2 on an environment that does not exist', () => {
    const io = bufferIo();
    expect(main(['--root', tempRepo({ 'apps/shop/web.ts': webApp('web') }), 'check', '--env', 'prdo'], io)).toBe(2);
    expect(io.stderr()).toContain("--env 'prdo' is not an environment (known: dev, prod)");
  });

  test('a waiver turns the error into a waived finding until it expires, then fails the check', () => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', `${LEAK}, ${WAIVER}`) });
    const before = bufferIo();
    expect(checkCommand({ root, now: new Date('2025-09-30T23:00:00Z') }, before)).toBe(0);
    expect(before.stdout()).toContain('    waived    secret-in-env  Deployment shop/web');
    expect(before.stdout()).toMatch(
      /used \(2\) +apps\/shop\/web\.ts waivers\[0\]: secret-in-env in every environment for every object of web; owner team-shop, until 2025-09-30: rotated nightly/,
    );

    const after = bufferIo();
    expect(checkCommand({ root, now: new Date('2025-10-01T00:00:00Z') }, after)).toBe(1);
    expect(after.stdout()).toMatch(/EXPIRED +apps\/shop\/web\.ts waivers\[0\]: secret-in-env .* expired 2025-09-30/);
    expect(after.stdout()).toContain('FAILED: 2 errors, 0 warnings, 0 waived findings; 1 expired waiver');
  });

  test('exits 1 with the file, field and fix when a waiver is malformed', () => {
    const root = tempRepo({
      'apps/shop/web.ts': webApp('web', 'shop', "waivers: [{ rule: 'secret-in-env', reason: 'tmp', owner: 'team-shop', expires: '2025-09-30' }]"),
    });
    const io = bufferIo();
    expect(main(['--root', root, 'check'], io)).toBe(1);
    expect(io.stderr()).toContain("apps/shop/web.ts: app 'web': 'waivers[0].reason' must explain the exception in at least 10 characters (got \"tmp\")");
    expect(io.stderr()).toContain('[E_WAIVER_REASON]');
  });
});
