import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDistCommand } from '../../lib/cli/commands/check-dist';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { CheckReport } from '../../lib/policy/report';
import { tempRepo, webApp } from '../fixtures/temp-repo';

const ROLE =
  "objects: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'web-reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }] }]";
const WAIVER =
  "waivers: [{ rule: 'rbac-least-privilege', object: { kind: 'Role' }, reason: 'the vendor operator needs every verb until v4', owner: 'team-shop', expires: '2027-06-30' }]";

function synthesized(): string {
  const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', `${ROLE}, ${WAIVER}`) });
  expect(main(['--root', root, 'synth'], bufferIo())).toBe(0);
  return join(root, 'dist');
}

describe('platform check --dist (in-process)', () => {
  test('applies the waivers the synth recorded on the objects they excuse', () => {
    const dist = synthesized();
    expect(readFileSync(join(dist, 'prod/shop/web.yaml'), 'utf8')).toContain(
      `platform.golden-path.dev/waivers: '[{"index":0,"rule":"rbac-least-privilege","object":{"kind":"Role"},"reason":"the vendor operator needs every verb until v4","owner":"team-shop","expires":"2027-06-30"}]'`,
    );
    const io = bufferIo();
    expect(checkDistCommand({ dist, json: true, now: new Date('2027-01-15T00:00:00Z') }, io)).toBe(0);
    const report = JSON.parse(io.stdout()) as CheckReport;
    expect(report.summary).toMatchObject({ errors: 0, waived: 2, expiredWaivers: 0 });
    expect(report.waivers).toEqual([
      expect.objectContaining({ declaredIn: 'apps/shop/web.ts', index: 0, rule: 'rbac-least-privilege', status: 'used', findings: 2 }),
    ]);
  });

  test('fails once a recorded waiver has expired', () => {
    const dist = synthesized();
    const io = bufferIo();
    expect(checkDistCommand({ dist, now: new Date('2027-07-01T00:00:00Z') }, io)).toBe(1);
    expect(io.stdout()).toContain('FAILED: 2 errors, 0 warnings, 0 waived findings; 1 expired waiver');
  });

  test('checks one environment with --env, through the CLI', () => {
    const dist = synthesized();
    const io = bufferIo();
    expect(main(['check', '--dist', dist, '--env', 'dev', '--json'], io)).toBe(0);
    expect((JSON.parse(io.stdout()) as CheckReport).environments).toEqual(['dev']);
  });
});
