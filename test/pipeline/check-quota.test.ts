import { formatProblem, ValidationError } from '../../lib/internal/errors';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { Replicas } from '../../lib';
import { expectError, sourced, testEnvironment, webDef, workerDef } from '../helpers';

describe('requests the namespace quota can never admit', () => {
  test('a pod larger than the whole quota is an error naming the app, field, value and quota', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({
        apps: [sourced(webDef({ name: 'web', resources: { cpu: '250m', memory: '1000Ti' } }))],
        environments: [testEnvironment({ name: 'dev', profile: { quota: { requestsMemory: '40Gi', limitsMemory: '2000Ti' } } })],
      }),
    );
    expect(error.problems.map(formatProblem)).toEqual([
      "apps/shop/web.ts: app 'web': environment 'dev': 'resources.memory' is more than the whole requests.memory quota of namespace 'shop' (40Gi), so no pod could ever start (got \"1000Ti\"). Fix: request at most 40Gi, or raise profile.quota.requestsMemory in apps/environments.ts [E_QUOTA]",
    ]);
  });

  test("a team's apps together at minimum replicas above the quota is one error on the environment's quota", () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({
        apps: [
          sourced(webDef({ name: 'web', resources: { cpu: '2' }, replicas: Replicas.fixed(3) })),
          sourced(workerDef({ name: 'mailer', resources: { cpu: '1' }, replicas: Replicas.fixed(2) })),
        ],
        environments: [testEnvironment({ name: 'dev', profile: { quota: { requestsCpu: '7' } } })],
      }),
    );
    expect(error.problems.map(formatProblem)).toEqual([
      "apps/environments.ts: environment 'dev': 'profile.quota.requestsCpu' is less than the requests.cpu of namespace 'shop' at minimum replicas (mailer, web), so some pods would never start (got \"7\"). Fix: raise profile.quota.requestsCpu, or lower those apps' resources.cpu or replicas [E_QUOTA]",
    ]);
  });

  test("counts a pod's sidecars with its app container against the quota", () => {
    const proxy = { name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', resources: { cpu: '1' } };
    const fleet = (quota: string) =>
      renderFleet({
        apps: [sourced(webDef({ name: 'web', resources: { cpu: '2' }, replicas: Replicas.fixed(2), sidecars: [proxy] }))],
        environments: [testEnvironment({ name: 'dev', profile: { quota: { requestsCpu: quota } } })],
      });
    // 2 pods x (2 + 1) CPU = 6: a quota of 5 fits the app containers alone (4) but not the pods.
    const error = expectError<ValidationError>(() => fleet('5'));
    expect(error.problems.map((p) => [p.code, p.field, p.value])).toEqual([['E_QUOTA', 'profile.quota.requestsCpu', '5']]);
    expect(() => fleet('6')).not.toThrow();
  });

  test('counts the largest init container when it asks for more than the running containers', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({
        apps: [
          sourced(
            webDef({ name: 'web', resources: { cpu: '1' }, initContainers: [{ name: 'warm', image: 'ghcr.io/acme/warm:1.0.0', resources: { cpu: '9' } }] }),
          ),
        ],
        environments: [testEnvironment({ name: 'dev', profile: { quota: { requestsCpu: '8' } } })],
      }),
    );
    expect(error.problems.map((p) => [p.code, p.field, p.value, p.message])).toEqual([
      [
        'E_QUOTA',
        'resources.cpu',
        '1',
        "is more than the whole requests.cpu quota of namespace 'shop' (8) (with its sidecars and init containers), so no pod could ever start",
      ],
    ]);
  });

  test('a memory request over the quota, with the limit equal to it by default, is one problem', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({ apps: [sourced(webDef({ name: 'web', resources: { memory: '1000Ti' } }))], environments: [testEnvironment({ name: 'dev' })] }),
    );
    expect(error.problems.map((p) => [p.code, p.field, p.value])).toEqual([['E_QUOTA', 'resources.memory', '1000Ti']]);
  });

  test('more pods at minimum replicas than the quota allows is an error on the quota', () => {
    const error = expectError<ValidationError>(() =>
      renderFleet({
        apps: [sourced(webDef({ name: 'web', replicas: Replicas.fixed(3) })), sourced(workerDef({ name: 'mailer', replicas: Replicas.fixed(2) }))],
        environments: [testEnvironment({ name: 'dev', profile: { quota: { pods: 4 } } })],
      }),
    );
    expect(error.problems.map(formatProblem)).toEqual([
      "apps/environments.ts: environment 'dev': 'profile.quota.pods' is less than the 5 pods namespace 'shop' runs at minimum replicas (mailer, web) (got 4). Fix: raise profile.quota.pods to at least 5, or lower those apps' replicas [E_QUOTA]",
    ]);
  });

  test('requests that fit exactly are accepted', () => {
    const apps = [
      sourced(webDef({ name: 'web', resources: { cpu: '2' }, replicas: Replicas.fixed(3) })),
      sourced(workerDef({ name: 'mailer', resources: { cpu: '1' }, replicas: Replicas.fixed(2) })),
    ];
    expect(renderFleet({ apps, environments: [testEnvironment({ name: 'dev', profile: { quota: { requestsCpu: '8' } } })] }).length).toBe(2);
  });
});
