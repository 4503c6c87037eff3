import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../lib/internal/errors';
import { AppDefinition } from '../../lib/model/app-definition';
import { Replicas } from '../../lib/model/replicas';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { synthesize } from '../../lib/pipeline/synthesize';
import { CheckFailedError } from '../../lib/policy/check-failed-error';
import { CheckReport } from '../../lib/policy/report';
import { expectError, sourced, taskDef, webDef, workerDef } from '../helpers';
import { DEV, NOW, PROD, waiver } from './policy-helpers';
import { tempDir } from '../fixtures/temp-dir';

const FLEET: AppDefinition[] = [webDef(), workerDef(), taskDef()];

/** Every file under `dir` (relative path -> content), to compare a tree before and after. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(join(dir, rel)).isDirectory()) Object.assign(out, tree(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

function synth(outDir: string, fleet: AppDefinition[], onReport?: (r: CheckReport) => void) {
  return synthesize({ apps: fleet.map((d) => sourced(d)), environments: [DEV, PROD], outDir, checks: defaultChecks({ now: NOW, onReport }) });
}

describe('defaultChecks in synthesize', () => {
  let outDir: string;
  let before: Record<string, string>;

  beforeEach(() => {
    outDir = join(tempDir('policy-synth-'), 'dist');
    synth(outDir, FLEET);
    before = tree(outDir);
  });

  test('pass the golden-path fleet and report on it', () => {
    const reports: CheckReport[] = [];
    synth(outDir, FLEET, (r) => reports.push(r));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ passed: true, environments: ['dev', 'prod'], summary: { errors: 0 } });
    expect(Object.keys(before)).toContain('prod/shop/checkout.yaml');
  });

  test('a policy error stops the write and leaves the old tree untouched', () => {
    // One pod in production: resolution accepts it, the policy pack does not.
    const single = [webDef({ replicas: Replicas.fixed(1) }), workerDef(), taskDef()];
    const error = expectError<CheckFailedError>(() => synth(outDir, single));
    expect(error).toBeInstanceOf(CheckFailedError);
    expect(error.code).toBe('E_CHECK_FAILED');
    expect(error.message).toContain('the checks found 1 error, so nothing was written:');
    expect(error.message).toContain("prod: apps/shop/checkout.ts: Deployment shop/checkout: [prod-replicas] Deployment 'checkout' runs 1 pod(s)");
    expect(tree(outDir)).toEqual(before);
  });

  test('a literal secret in a definition stops the write before the checks, without printing it', () => {
    const leaky = [webDef({ env: { DB_PASSWORD: 'hunter2-correct-horse' } }), workerDef(), taskDef()];
    const error = expectError<ValidationError>(() => synth(outDir, leaky));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('E_SECRET_LITERAL');
    expect(error.message).toContain("'env.DB_PASSWORD' holds what looks like a literal secret");
    expect(error.message).not.toContain('hunter2');
    expect(tree(outDir)).toEqual(before);
  });

  test('an expired waiver stops the write too, naming the waiver', () => {
    const stale = [webDef({ waivers: [waiver('read-only-root-filesystem', { expires: '2025-05-31' })] }), workerDef(), taskDef()];
    const error = expectError<CheckFailedError>(() => synth(outDir, stale));
    expect(error.message).toContain("apps/shop/checkout.ts: 'waivers[0]' for rule 'read-only-root-filesystem' expired on 2025-05-31 (owner team-shop)");
    expect(error.message).toContain('[E_WAIVER_EXPIRED]');
    expect(tree(outDir)).toEqual(before);
  });

  test('a waived error lets the write through, and warnings never stop it', () => {
    const waived = [
      webDef({
        env: { DB_PASSWORD: 'hunter2-correct-horse' },
        security: { writableRootFilesystem: true },
        waivers: [waiver('secret-in-env', { object: { kind: 'Deployment' } })],
      }),
      workerDef(),
      taskDef(),
    ];
    const reports: CheckReport[] = [];
    synth(outDir, waived, (r) => reports.push(r));
    expect(reports[0].summary).toMatchObject({ errors: 0, warnings: 2, waived: 2 });
    expect(tree(outDir)).not.toEqual(before);
  });
});
