import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateFleet } from '../../bench/fleet';
import { writeFleetRepo } from '../../bench/fleet-repo';
import { synthCommand } from '../../lib/cli/commands/synth';
import { Problems, ValidationError } from '../../lib/internal/errors';
import { startInWorkers } from '../../lib/pipeline/render-in-workers';
import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { loadProject } from '../../lib/pipeline/load-project';
import * as workerThreads from 'node:worker_threads';
import { FleetInput, renderResolvedApps, resolveFleetApps, resolveFleetEnvironments, startRenderEach } from '../../lib/pipeline/render-fleet';
import { layoutFiles } from '../../lib/pipeline/layout-fleet';
import { appFilePath } from '../../lib/output/layout';
import { YamlEmitter } from '../../lib/output/emit-yaml';
import { renderManifests } from '../../lib/output/render-yaml';
import { SourcedApp } from '../../lib/model/app-definition';
import { render } from '../../lib/pipeline/synthesize';
import { defaultChecks } from '../../lib/pipeline/default-checks';
import { CheckReport } from '../../lib/policy/report';
import { REPO } from '../fixtures/sample-fleet';
import { tempDir } from '../fixtures/temp-dir';

// The real Worker, counted: how many threads a synth starts.
jest.mock('node:worker_threads', () => {
  const actual = jest.requireActual<typeof import('node:worker_threads')>('node:worker_threads');
  return { ...actual, Worker: jest.fn((...args: ConstructorParameters<typeof actual.Worker>) => new actual.Worker(...args)) };
});

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

    test("a worker's text is handed on as it comes, once per app: the rendering keeps no copy, and layout writes only what was not handed on", () => {
      const environments = resolveFleetEnvironments(input.environments, input.gitops);
      const prod = resolveFleetApps({ ...input, environments }).filter((a) => a.environment === 'prod');
      const renderWith = (parallel: FleetInput['parallel']) => {
        const handed: [string, string][] = [];
        const rendered = startRenderEach(prod, { ...input, environments, parallel }, (app, text) => handed.push([appFilePath(app), text]))(new Problems());
        const laidOut: string[] = [];
        layoutFiles(rendered, [], new YamlEmitter(), undefined, (path) => laidOut.push(path));
        return { handed, rendered, laidOut };
      };
      const parallel = renderWith({ jobs: 2, root, threshold: 0 });
      expect(parallel.handed).toHaveLength(100);
      expect(new Set(parallel.handed.map(([path]) => path)).size).toBe(100);
      expect(parallel.handed[0]).toEqual([appFilePath(prod[0]), renderManifests(prod[0].source, parallel.rendered[0].manifests)]);
      expect(parallel.rendered.filter((r) => r.written !== true || r.text !== undefined)).toEqual([]);
      expect(parallel.laidOut).toEqual([]);
      // Serially the text is made by layout, as it writes the file: nothing to hand on.
      const serial = renderWith(undefined);
      expect(serial.handed).toEqual([]);
      expect(serial.laidOut).toEqual(parallel.handed.map(([path]) => path));
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

    test('a synth that renders in several calls (one per environment) starts its workers once; the next synth starts its own', async () => {
      const started = jest.mocked(workerThreads.Worker);
      started.mockClear();
      const parallel = { jobs: 2, root, threshold: 0 };
      const apps = resolveFleetApps({ ...input, environments: resolveFleetEnvironments(input.environments, input.gitops) });
      const environments = resolveFleetEnvironments(input.environments, input.gitops);
      const byEnvironment = ['dev', 'staging', 'prod'].map((env) =>
        renderResolvedApps(
          apps.filter((a) => a.environment === env),
          { ...input, environments, parallel },
        ),
      );
      expect(started).toHaveBeenCalledTimes(1);
      expect(byEnvironment.flat().map((r) => r.text)).toEqual(
        renderResolvedApps(apps, { ...input, environments }).map((r) => renderManifests(r.app.source, r.manifests)),
      );
      // The pool closes when the code that ran the synchronous synth yields.
      await Promise.resolve();
      renderResolvedApps(apps.slice(0, 100), { ...input, environments, parallel });
      expect(started).toHaveBeenCalledTimes(2);
    });

    test('below the threshold, or with --jobs 1, no worker starts', () => {
      const threads: number[] = [];
      render({ ...input, parallel: { jobs: 2, root, threshold: 300, onStart: (n) => threads.push(n) } });
      render({ ...input, parallel: { jobs: 1, root, threshold: 0, onStart: (n) => threads.push(n) } });
      expect(threads).toEqual([]);
    });
  });

  test('workers bring each file and its schema and object-rule results; the check report is that of a serial run', () => {
    // Apps with findings, waived in prod for one of them and never used for another, so the reports have something to differ in.
    const waiver = {
      rule: 'read-only-root-filesystem',
      environment: 'prod',
      reason: 'writes its cache to the root filesystem',
      owner: 'team-a',
      expires: '2026-12-31',
    };
    const fleet = generateFleet({ apps: 60, seed: 11 });
    const apps = fleet.apps.map((a, i): SourcedApp => {
      const writable = { ...a.definition, security: { ...a.definition.security, writableRootFilesystem: true } };
      if (i === 0 || i === 3) return { ...a, definition: writable };
      if (i === 5) return { ...a, definition: { ...writable, waivers: [waiver] } };
      if (i === 8) return { ...a, definition: { ...a.definition, waivers: [waiver] } };
      return a;
    });
    const root = tempDir();
    writeFleetRepo(root, { ...fleet, apps });
    const input = inputOf(root);
    const now = new Date('2026-06-01T00:00:00Z');
    const run = (parallel?: FleetInput['parallel']) => {
      const seen: CheckReport[] = [];
      const result = render({ ...input, parallel, now, checks: defaultChecks({ now, onReport: (r) => seen.push(r) }) });
      return { result, seen };
    };
    const serial = run();
    const parallel = run({ jobs: 2, root, threshold: 0 });
    // What the main thread checked and laid out came from the workers (or its own share of the apps), their texts written as they came.
    expect(
      parallel.result.rendered.filter((r) => r.written !== true || r.text !== undefined || r.results?.schema === undefined || r.results.rules === undefined),
    ).toEqual([]);
    expect(serial.result.rendered.filter((r) => r.text !== undefined || r.results !== undefined)).toEqual([]);
    expect([...parallel.result.files]).toEqual([...serial.result.files]);
    expect(serial.seen.map((r) => [r.summary.errors, r.summary.warnings, r.summary.waived, r.summary.unusedWaivers])).toEqual([[0, 8, 1, 1]]);
    expect(JSON.stringify(parallel.seen)).toBe(JSON.stringify(serial.seen));
  });

  test('a worker loads only the app files whose escape hatches it runs: the others render from the resolved app', () => {
    const root = tempDir();
    const fleet = generateFleet({ apps: 20, seed: 5 });
    writeFleetRepo(root, fleet);
    // Loaded in a worker, any of these files would end its thread (E_WORKER_DIED).
    for (const app of fleet.apps) {
      writeFileSync(
        join(root, app.source),
        `if (!require('node:worker_threads').isMainThread) process.exit(3);\nexport default ${JSON.stringify(app.definition)};\n`,
      );
    }
    const input = inputOf(root);
    const threads: number[] = [];
    const parallel = render({ ...input, parallel: { jobs: 2, root, threshold: 0, onStart: (n) => threads.push(n) } });
    expect(threads).toEqual([2, 2, 2]);
    expect(parallel.files.size).toBeGreaterThan(60);
    expect([...parallel.files]).toEqual([...render(input).files]);
  });

  /** A bench fleet's dev apps started on one worker (`startInWorkers`), each app running `onWorker` when a worker renders it. */
  function startOnWorkers(count: number, onWorker: string, unreadLimit?: number) {
    const root = tempDir();
    const fleet = generateFleet({ apps: count, seed: 3 });
    writeFleetRepo(root, fleet);
    const hook = `() => { if (!require('node:worker_threads').isMainThread) ${onWorker}; }`;
    for (const app of fleet.apps) writeFileSync(join(root, app.source), `export default { ...${JSON.stringify(app.definition)}, customize: ${hook} };\n`);
    const input = inputOf(root);
    const environments = resolveFleetEnvironments(input.environments, input.gitops);
    const apps = resolveFleetApps({ ...input, environments }).filter((a) => a.environment === 'dev');
    const definitions = new Map(input.apps.map((a) => [a.source, a.definition]));
    return { apps, pending: startInWorkers(apps, (app) => definitions.get(app.source), { jobs: 2, root, threshold: 0, unreadLimit }) };
  }

  test('startInWorkers: the workers render before this thread asks for the results, so it can do other work meanwhile', () => {
    const marker = join(tempDir(), 'a-worker-rendered');
    const { pending } = startOnWorkers(4, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`);
    // This thread renders nothing until finish: only a worker can write the marker.
    for (let i = 0; i < 600 && !existsSync(marker); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    expect(existsSync(marker)).toBe(true);
    const problems = new Problems();
    expect(pending.finish(problems).map((p) => p.manifests.length > 0)).toEqual([true, true, true, true]);
    expect(problems.size).toBe(0);
  });

  describe('a worker stops claiming tasks while its results wait unread past the limit, and goes on once this thread reads them', () => {
    // Each render on a worker appends a line; tasks of one app each (16 apps on 2 threads).
    const rendersOnWorkers = (unreadLimit: number | undefined, waitMs: number) => {
      const log = join(tempDir(), 'renders');
      writeFileSync(log, '');
      const { apps, pending } = startOnWorkers(16, `require('node:fs').appendFileSync(${JSON.stringify(log)}, 'x\\n')`, unreadLimit);
      const renders = () => readFileSync(log, 'utf8').split('\n').length - 1;
      const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      // Until the worker rendered every app, or for waitMs after its first render (~3 ms an app once loaded).
      for (let i = 0; i < 600 && renders() === 0; i++) sleep(100);
      for (let i = 0; i < waitMs / 100 && renders() < apps.length; i++) sleep(100);
      const before = renders();
      const problems = new Problems();
      const prepared = pending.finish(problems);
      return { before, prepared, problems };
    };

    test('a limit of one result: one task, then it waits; finish reads and renders the rest', () => {
      const { before, prepared, problems } = rendersOnWorkers(1, 3_000);
      expect(before).toBe(1);
      expect(prepared).toHaveLength(16);
      expect(prepared.filter((p) => p.manifests.length === 0)).toEqual([]);
      expect(problems.size).toBe(0);
    });

    test('the default limit: it renders every app before this thread reads any', () => {
      // Up to 30 s: a busy CI machine must not fail it; it returns as soon as all 16 are in.
      expect(rendersOnWorkers(undefined, 30_000).before).toBe(16);
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

  describe('a worker that dies on an app fails the run naming the app and environment, instead of waiting for it', () => {
    // Every app's escape hatch ends the thread it runs in when that is a worker; on the main thread
    // it first waits (up to a minute) for a worker to have done so, so the main thread renders the
    // first app (identity-frontend-0003) and the worker surely claims the second: payments-projector-0000, first in dev.
    const doomedFleet = (kill: string) => {
      const root = tempDir();
      const marker = join(tempDir(), 'a-worker-died');
      const fleet = generateFleet({ apps: 4, seed: 3 });
      writeFleetRepo(root, fleet);
      const hook = `() => {
        const fs = require('node:fs');
        if (!require('node:worker_threads').isMainThread) { fs.writeFileSync(${JSON.stringify(marker)}, ''); ${kill}; }
        for (let i = 0; i < 600 && !fs.existsSync(${JSON.stringify(marker)}); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      }`;
      for (const app of fleet.apps) writeFileSync(join(root, app.source), `export default { ...${JSON.stringify(app.definition)}, customize: ${hook} };\n`);
      return { root, input: inputOf(root) };
    };
    const died = (root: string, input: FleetInput): ValidationError => {
      try {
        render({ ...input, parallel: { jobs: 2, root, threshold: 0 } });
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('did not throw');
    };

    test('process.exit in an escape hatch: the worker says so as it exits', () => {
      const { root, input } = doomedFleet('process.exit(7)');
      const error = died(root, input);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.problems.map((p) => [p.code, p.source, p.app, p.environment, p.message])).toEqual([
        ['E_WORKER_DIED', 'apps/payments/payments-projector-0000.ts', 'payments-projector-0000', 'dev', 'rendering stopped: its worker thread exited (code 7)'],
      ]);
    });

    // Out of memory, a worker's thread ends without running its exit handlers; so does process.reallyExit.
    (existsSync('/proc/thread-self') ? test : test.skip)('a thread that ends without a word (out of memory): Linux shows it gone', () => {
      const { root, input } = doomedFleet('process.reallyExit(9)');
      const error = died(root, input);
      expect(error.problems.map((p) => [p.code, p.app, p.environment, p.message])).toEqual([
        ['E_WORKER_DIED', 'payments-projector-0000', 'dev', 'rendering stopped: its worker thread ended (out of memory?)'],
      ]);
      expect(error.message).toMatch(
        /^apps\/payments\/payments-projector-0000\.ts: app 'payments-projector-0000': environment 'dev': rendering stopped: .* Fix: run 'platform synth --jobs 1'/,
      );
    });
  });
});
