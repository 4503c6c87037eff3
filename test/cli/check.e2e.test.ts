import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { CheckReport } from '../../lib/policy/report';

const REPO = resolve(__dirname, '../..');
const BIN = join(REPO, 'bin/platform');

describe('platform check (end to end)', () => {
  test("the repository's sample fleet passes, with no finding left open and no stale waiver", () => {
    const run = spawnSync(process.execPath, [BIN, '--root', REPO, 'check', '--json'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(report.passed).toBe(true);
    expect(report.findings.filter((f) => !f.waivedBy)).toEqual([]);
    expect(report.summary).toMatchObject({ expiredWaivers: 0, unusedWaivers: 0 });
    expect(report.environments).toEqual(['dev', 'staging', 'prod']);
  });
});
