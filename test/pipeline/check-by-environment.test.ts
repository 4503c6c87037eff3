import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { render, synthesize } from '../../lib/pipeline/synthesize';
import { CheckFailedError } from '../../lib/policy/check-failed-error';
import { CheckReport } from '../../lib/policy/report';
import { tempDir } from '../fixtures/temp-dir';
import { expectError, sourced, taskDef, webDef, workerDef } from '../helpers';
import { DEV, NOW, PROD, waiver } from '../policy/policy-helpers';

// Synth runs the checks an environment at a time and merges the reports: the merged report must be
// the report of one pass over both environments (findings in order, waivers counted everywhere).
const FLEET = [
  webDef({
    env: { DB_PASSWORD: 'hunter2-correct-horse' },
    security: { writableRootFilesystem: true },
    waivers: [
      waiver('secret-in-env', { object: { kind: 'Deployment' } }),
      // Used in prod only: unused in dev's run, used in the merged report.
      waiver('read-only-root-filesystem', { environment: 'prod' }),
      waiver('pss-seccomp', { environment: 'dev' }),
    ],
  }),
  workerDef(),
  taskDef(),
].map((d) => sourced(d));

function byEnvironment(): CheckReport {
  let report: CheckReport | undefined;
  render({ apps: FLEET, environments: [DEV, PROD], checks: defaultChecks({ now: NOW, onReport: (r) => (report = r) }) });
  return report!;
}

function onePass(): CheckReport {
  const { rendered, platform } = render({ apps: FLEET, environments: [DEV, PROD] });
  let report: CheckReport | undefined;
  // Called as plain functions, each check runs once over every environment's objects.
  for (const check of defaultChecks({ now: NOW, onReport: (r) => (report = r) })) check(rendered, platform);
  return report!;
}

describe('checks run an environment at a time', () => {
  test('report exactly what one pass over the fleet reports', () => {
    const merged = byEnvironment();
    expect(merged).toEqual(onePass());
    expect(merged.environments).toEqual(['dev', 'prod']);
    expect(merged.summary).toMatchObject({ environments: 2, errors: 0, waived: 3, unusedWaivers: 1 });
    expect(merged.findings.filter((f) => f.waivedBy).map((f) => `${f.environment} ${f.rule}`)).toEqual([
      'dev secret-in-env',
      'prod read-only-root-filesystem',
      'prod secret-in-env',
    ]);
    expect(merged.waivers.map((w) => `${w.rule} ${w.status} ${w.findings}`)).toEqual([
      'secret-in-env used 2',
      'read-only-root-filesystem used 1',
      'pss-seccomp unused 0',
    ]);
  });
});

describe('a synth that fails its checks', () => {
  test('leaves no trace, not even the folders it made for its new tree', () => {
    const root = tempDir('synth-fail-');
    const stale = [webDef({ waivers: [waiver('read-only-root-filesystem', { expires: '2025-05-31' })] })].map((d) => sourced(d));
    const outDir = join(root, 'deploy', 'dist');
    expect(
      expectError<CheckFailedError>(() => synthesize({ apps: stale, environments: [DEV, PROD], outDir, checks: defaultChecks({ now: NOW }) })),
    ).toBeInstanceOf(CheckFailedError);
    expect(readdirSync(root)).toEqual([]);
  });
});
