import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuardError } from '../../lib/output/gitops-guard';
import { synthesize } from '../../lib/pipeline/synthesize';
import { expectError, sourced, testEnvironment, webDef } from '../helpers';

describe('the deletion guard reads the resolved maxDropShare', () => {
  const environments = [testEnvironment()];
  const both = [sourced(webDef({ name: 'web' })), sourced(webDef({ name: 'api' }))];
  const one = [both[0]];
  let outDir: string;

  beforeEach(() => {
    outDir = join(mkdtempSync(join(tmpdir(), 'guard-')), 'dist');
    synthesize({ apps: both, environments, outDir });
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  test('refuses to delete half an environment at the default 25%', () => {
    expect(expectError<GuardError>(() => synthesize({ apps: one, environments, outDir }))).toBeInstanceOf(GuardError);
  });

  test('allows it when the gitops settings raise the share to 90%', () => {
    expect(synthesize({ apps: one, environments, outDir, gitops: { repoURL: 'https://git.example/acme/deploy.git', maxDropShare: 0.9 } }).renderings).toBe(1);
  });
});
