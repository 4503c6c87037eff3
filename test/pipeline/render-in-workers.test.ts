import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFleet } from '../../bench/fleet';
import { writeFleetRepo } from '../../bench/fleet-repo';
import { synthCommand } from '../../lib/cli/commands/synth';
import { ValidationError } from '../../lib/internal/errors';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { loadProject } from '../../lib/pipeline/load-project';
import { FleetInput } from '../../lib/pipeline/render-fleet';
import { render } from '../../lib/pipeline/synthesize';
import { REPO } from '../fixtures/sample-fleet';
import { tempDir } from '../fixtures/temp-dir';

// Worker threads load cdk8s and the app files themselves: seconds on a busy 2-core machine.
jest.setTimeout(120_000);

function inputOf(root: string): FleetInput {
  const project = loadProject(root);
  return { apps: project.apps, dataStores: project.dataStores, environments: project.environments, releases: project.releases.pin, gitops: project.gitops };
}

function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(sub, e.name));
      else files.set(join(sub, e.name), readFileSync(join(dir, sub, e.name), 'utf8'));
    }
  };
  walk('');
  return files;
}

function synth(root: string, out: string, jobs: number) {
  const lines: string[] = [];
  const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
  const code = synthCommand({ root, out, cache: false, jobs, parallelThreshold: 0 }, io);
  return { code, output: lines.join('') };
}

describe('parallel synth', () => {
  test('the sample fleet: platform synth --jobs 2 on worker threads writes the bytes of --jobs 1', () => {
    const serialDir = join(tempDir(), 'dist');
    const parallelDir = join(tempDir(), 'dist');
    const serial = synth(REPO, serialDir, 1);
    const parallel = synth(REPO, parallelDir, 2);
    expect(serial.code).toBe(0);
    expect(parallel.code).toBe(0);
    expect(serial.output).not.toContain('threads');
    expect(parallel.output).toContain('(rendered on 2 threads)');
    const written = tree(parallelDir);
    expect(written.size).toBeGreaterThan(50);
    expect(written).toEqual(tree(serialDir));
    // And the committed dist/, which CI compares.
    expect(written).toEqual(tree(join(REPO, 'dist')));
  });

  describe('a seeded bench fleet of 100 apps', () => {
    const root = tempDir();
    writeFleetRepo(root, generateFleet({ apps: 100, seed: 7 }));
    const input = inputOf(root);

    test('renders on workers to the same files as serially, in the same order', () => {
      const threads: number[] = [];
      const serial = render(input);
      const parallel = render({ ...input, parallel: { jobs: 3, root, threshold: 0, onStart: (n) => threads.push(n) } });
      // Synth renders an environment at a time, so workers start for each of the three.
      expect(threads).toEqual([3, 3, 3]);
      expect(serial.files.size).toBeGreaterThan(300);
      expect([...parallel.files]).toEqual([...serial.files]);
      expect(parallel.rendered.map((r) => `${r.app.environment}/${r.app.team}/${r.app.name}`)).toEqual(
        serial.rendered.map((r) => `${r.app.environment}/${r.app.team}/${r.app.name}`),
      );
    });

    test('with the cache, hits are decided here: a warm cache starts no worker and gives the same bytes', () => {
      const dir = tempDir();
      const threads: number[] = [];
      const parallel = { jobs: 2, root, threshold: 0, onStart: (n: number) => threads.push(n) };
      const cold = new RenderCache({ dir, code: 'code-1' });
      const first = render({ ...input, cache: cold, parallel });
      cold.store(first.files);
      const warm = new RenderCache({ dir, code: 'code-1' });
      const second = render({ ...input, cache: warm, parallel });
      expect(threads).toEqual([2, 2, 2]);
      expect(warm.stats).toEqual({ hits: 300, misses: 0, uncacheable: 0, errors: 0 });
      expect([...second.files]).toEqual([...render(input).files]);
    });

    test('below the threshold, or with --jobs 1, no worker starts', () => {
      const threads: number[] = [];
      render({ ...input, parallel: { jobs: 2, root, threshold: 300, onStart: (n) => threads.push(n) } });
      render({ ...input, parallel: { jobs: 1, root, threshold: 0, onStart: (n) => threads.push(n) } });
      expect(threads).toEqual([]);
    });
  });

  test('an app that throws in a worker fails with the located error of a serial run, and nothing is written', () => {
    const root = tempDir();
    writeFleetRepo(root, generateFleet({ apps: 6, seed: 3 }));
    // A copy of a generated worker (nothing calls a worker), named boom, whose customize throws.
    const worker = generateFleet({ apps: 6, seed: 3 }).apps.find((a) => a.definition.kind === 'worker')!;
    const team = { name: worker.definition.team };
    writeFileSync(
      join(root, 'apps', team.name, 'boom.ts'),
      `export default { ...${JSON.stringify(worker.definition)}, name: 'boom', customize: () => { throw new Error('no mesh here'); } };\n`,
    );
    const input = inputOf(root);
    const error = (run: () => unknown): ValidationError => {
      try {
        run();
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('did not throw');
    };
    const serial = error(() => render(input));
    const parallel = error(() => render({ ...input, parallel: { jobs: 2, root, threshold: 0 } }));
    expect(parallel).toBeInstanceOf(ValidationError);
    expect(parallel.message).toBe(serial.message);
    expect(parallel.problems.map((p) => [p.code, p.source, p.app, p.environment, p.message])).toEqual([
      ['E_CUSTOMIZE', `apps/${team.name}/boom.ts`, 'boom', 'dev, staging, prod', 'failed: no mesh here'],
    ]);

    const out = join(tempDir(), 'dist');
    const cli = error(() => synth(root, out, 2));
    expect(cli.message).toMatch(
      new RegExp(`^apps/${team.name}/boom\\.ts: app 'boom': environment 'dev, staging, prod': 'customize' failed: no mesh here\\. Fix: `),
    );
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
