import { Problems, ValidationError } from '../../lib/internal/errors';
import { checkDefinitionKeys } from '../../lib/environments/check-definition-keys';
import { AppDefinition } from '../../lib/model/app-definition';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { expectError, sourced, statefulDef, taskDef, testEnvironment, webDef, workerDef } from '../helpers';

/** What plain JavaScript (or `as any`) lets through: a definition with any keys. */
function loose(definition: object): AppDefinition {
  return definition as AppDefinition;
}

function problemsOf(...definitions: AppDefinition[]) {
  const problems = new Problems();
  checkDefinitionKeys(
    definitions.map((d) => sourced(d)),
    problems,
  );
  return problems.all.map(({ code, field, message, fix }) => ({ code, field, message, fix }));
}

describe('strict definitions', () => {
  test("a 'team/name' string in dependsOn says how to write the dependency", () => {
    expect(problemsOf(loose({ ...webDef({ name: 'web' }), dependsOn: ['shop/orders-db'] }))).toEqual([
      {
        code: 'E_FIELD_TYPE',
        field: 'dependsOn[0]',
        message: 'must be a dependency',
        fix: "import the app's definition, or name it with Dependency.on('team/name') (Dependency.host, .postgres and .redis for the others)",
      },
    ]);
  });

  test('accepts a definition that uses every kind of field', () => {
    const def = webDef({
      name: 'web',
      health: { kind: 'http', path: '/ready', livenessPath: '/live', timeoutSeconds: 2 },
      slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 }, metrics: { selector: { a: 'b' } } },
      security: { runAsUser: 1000 },
      dependsOn: [webDef({ name: 'other' }), { kind: 'host', name: 'db', host: 'db.internal', port: 5432, cidrs: ['10.0.0.0/8'] }],
      environments: { prod: { replicas: { kind: 'autoscale', min: 2, max: 4 }, env: { A: 'b' } } },
      waivers: [{ rule: 'r', reason: 'a reason long enough', owner: 'me', expires: '2026-01-01', object: { kind: 'Deployment' } }],
      customize: () => undefined,
      objects: () => [],
    });
    expect(problemsOf(def)).toEqual([]);
  });

  test('accepts a stateful service with volumes, file paths and modes', () => {
    const def = statefulDef({
      volumes: {
        data: { kind: 'persistent', path: '/data', size: '1Gi', accessMode: 'ReadWriteOnce', storageClass: 'gp3' },
        cache: { kind: 'emptyDir', path: '/c', size: '1Gi', medium: 'Memory' },
      },
      scratchSize: '128Mi',
      configFiles: { 'a.sh': '#!/bin/sh' },
      configFilesPath: '/etc/a',
      configFileModes: { 'a.sh': 0o555 },
      secretFilesPath: '/run/a',
      replicas: { kind: 'fixed', count: 3 },
      dependsOn: [statefulDef({ name: 'other' })],
    });
    expect(problemsOf(def)).toEqual([]);
  });

  test('rejects an unknown key of a volume, naming the volume kind', () => {
    expect(problemsOf(loose({ ...statefulDef(), volumes: { data: { kind: 'persistent', path: '/data', size: '1Gi', sizee: '2Gi' } } }))).toEqual([
      expect.objectContaining({ code: 'E_UNKNOWN_FIELD', field: 'volumes.data.sizee', message: "is not a field of a persistent volume; did you mean 'size'?" }),
    ]);
  });

  test('rejects an unknown key at the top level, suggesting the nearest known one', () => {
    expect(problemsOf(loose({ ...webDef({ name: 'web' }), healthh: { kind: 'http', path: '/' } }))).toEqual([
      { code: 'E_UNKNOWN_FIELD', field: 'healthh', message: "is not a field of a web service; did you mean 'health'?", fix: "rename it to 'health'" },
    ]);
  });

  test('knows the fields of each kind: a worker has no port, a task no replicas', () => {
    expect(
      problemsOf(loose({ ...workerDef(), port: 8080 }), loose({ ...taskDef(), replicas: { kind: 'fixed', count: 2 } })).map((p) => [p.field, p.message]),
    ).toEqual([
      // 'pod' is one edit away from 'port': the suggestion is a string distance, not a meaning.
      ['port', "is not a field of a worker; did you mean 'pod'?"],
      ['replicas', 'is not a field of a scheduled task'],
    ]);
  });

  test('lists the known keys when nothing is close', () => {
    const [problem] = problemsOf(loose({ ...taskDef(), zzzzzzzz: 1 }));
    expect(problem.message).toBe('is not a field of a scheduled task');
    expect(problem.fix).toMatch(/^remove it \(known: name, team, description, image, /);
  });

  test('rejects unknown keys in per-environment overrides', () => {
    expect(problemsOf(loose(webDef({ environments: { prod: { replicass: { kind: 'fixed', count: 3 } } as never } })))).toEqual([
      {
        code: 'E_UNKNOWN_FIELD',
        field: 'environments.prod.replicass',
        message: "is not a field of an environment override; did you mean 'replicas'?",
        fix: "rename it to 'replicas'",
      },
    ]);
  });

  test('rejects unknown keys in serving ports and in a liveness check, which takes no timing of its own', () => {
    const def = loose({
      ...webDef(),
      ports: { http: { port: 8080, sevicePort: 80 } },
      health: { kind: 'http', path: '/ready', liveness: { kind: 'tcp', periodSeconds: 10 } },
    });
    expect(problemsOf(def).map((p) => `${p.field}: ${p.message}`)).toEqual([
      "ports.http.sevicePort: is not a field of a serving port; did you mean 'servicePort'?",
      'health.liveness.periodSeconds: is not a field of a TCP liveness check',
    ]);
  });

  test('accepts several ports, a liveness of another kind, headers and no health endpoint', () => {
    const web = webDef({
      ports: { http: { port: 8080, servicePort: 80 }, redis: { port: 6379, protocol: 'tcp', appProtocol: 'redis' } },
      health: { kind: 'http', path: '/ready', headers: { Host: 'x' }, liveness: { kind: 'exec', command: ['/alive'] } },
    });
    expect(problemsOf(web, workerDef({ health: { kind: 'none', reason: 'a load generator' } }))).toEqual([]);
  });

  test('rejects unknown keys in nested objects: health, slo, security', () => {
    const def = loose({
      ...webDef(),
      health: { kind: 'http', path: '/ready', livenesPath: '/live' },
      slo: { availability: 99.9, latency: { threshold: '1s', objectve: 99 } },
      security: { runAsUsr: 1000 },
    });
    expect(problemsOf(def).map((p) => `${p.field}: ${p.message}`)).toEqual([
      "health.livenesPath: is not a field of an HTTP health check; did you mean 'livenessPath'?",
      "slo.latency.objectve: is not a field of a latency objective; did you mean 'objective'?",
      "security.runAsUsr: is not a field of security options; did you mean 'runAsUser'?",
    ]);
  });

  test('rejects values of the wrong type', () => {
    const def = loose({ ...webDef(), port: '8080', metricsOnService: 'yes', args: 'serve', env: { A: 1 }, security: 'strict', customize: {} });
    expect(problemsOf(def).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'port: must be a number',
      'metricsOnService: must be a boolean',
      'args: must be a list',
      'env.A: must be a string',
      'security: must be an object (security options)',
      'customize: must be a function',
    ]);
  });

  test('rejects undefined in a list, where it is a hole the output cannot hold, not an absent field', () => {
    const sparse: string[] = ['--once'];
    sparse[2] = '--verbose';
    const def = loose({ ...workerDef(), command: ['/app/ledger-worker', undefined], args: sparse, dependsOn: [undefined] });
    expect(problemsOf(def).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'command[1]: must be a string',
      'args[1]: must be a string',
      'dependsOn[0]: must be a dependency',
    ]);
  });

  test('shows a bigint as what it is in the message, where JSON has no bigint', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({ apps: [sourced(loose({ ...workerDef(), env: { BATCH_SIZE: 100n } }))], environments: [testEnvironment()] }),
    );
    expect(error.message).toContain("'env.BATCH_SIZE' must be a string (got 100n)");
  });

  test('synth reports every problem of every app at once, naming the file, and renders nothing', () => {
    const apps = [sourced(loose({ ...webDef({ name: 'web' }), metricPort: 9090 })), sourced(loose({ ...workerDef({ name: 'jobs' }), helthPort: 8081 }))];
    const error = expectError<ValidationError>(() => renderFleet({ apps, environments: [testEnvironment()] }));
    expect(error.code).toBe('E_UNKNOWN_FIELD');
    expect(error.message).toBe(
      '2 problems:\n' +
        "  - apps/shop/web.ts: app 'web': 'metricPort' is not a field of a web service; did you mean 'metricsPort'? Fix: rename it to 'metricsPort' [E_UNKNOWN_FIELD]\n" +
        "  - apps/shop/jobs.ts: app 'jobs': 'helthPort' is not a field of a worker; did you mean 'healthPort'? Fix: rename it to 'healthPort' [E_UNKNOWN_FIELD]",
    );
  });
});
