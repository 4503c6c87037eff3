import { resolve, testEnvironment, webDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

describe('resolveResources: defaults and precedence', () => {
  test("requests the platform's 100m CPU, 128Mi memory and 64Mi ephemeral storage", () => {
    const app = resolve(webDef());
    expect(app.resources.requests).toEqual({ cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' });
    expect(app.provenance['resources.cpu']).toBe('platform');
  });

  test('limits memory to the request and ephemeral storage to 1Gi, and sets no CPU limit', () => {
    const { limits } = resolve(webDef()).resources;
    expect(limits).toEqual({ memory: '128Mi', 'ephemeral-storage': '1Gi' });
    expect(limits).not.toHaveProperty('cpu');
  });

  test("takes the environment profile's over the platform's", () => {
    const app = resolve(webDef(), testEnvironment({ profile: { resources: { cpu: '200m', memory: '256Mi' } } }));
    expect(app.resources.requests.cpu).toBe('200m');
    expect(app.resources.requests.memory).toBe('256Mi');
    expect(app.resources.requests['ephemeral-storage']).toBe('64Mi');
    expect(app.provenance['resources.cpu']).toBe('environment');
    expect(app.provenance['resources.ephemeralStorage']).toBe('platform');
  });

  test("takes the app's over the environment profile's", () => {
    const app = resolve(webDef({ resources: { cpu: '500m' } }), testEnvironment({ profile: { resources: { cpu: '200m' } } }));
    expect(app.resources.requests.cpu).toBe('500m');
    expect(app.provenance['resources.cpu']).toBe('app');
  });

  test("takes the override's over the app's, field by field", () => {
    const app = resolve(webDef({ resources: { cpu: '500m', memory: '512Mi' }, environments: { prod: { resources: { cpu: '1' } } } }));
    expect(app.resources.requests.cpu).toBe('1');
    expect(app.resources.requests.memory).toBe('512Mi');
    expect(app.provenance['resources.cpu']).toBe('override');
    expect(app.provenance['resources.memory']).toBe('app');
  });

  test('ignores the override of another environment', () => {
    const app = resolve(webDef({ resources: { cpu: '500m' }, environments: { staging: { resources: { cpu: '1' } } } }));
    expect(app.resources.requests.cpu).toBe('500m');
  });

  test('limits memory to the request wherever the request came from', () => {
    const app = resolve(webDef({ environments: { prod: { resources: { memory: '1Gi' } } } }));
    expect(app.resources.limits.memory).toBe('1Gi');
    expect(app.provenance['resources.memoryLimit']).toBe('override');
  });

  test('takes an explicit memory limit above the request', () => {
    const app = resolve(webDef({ resources: { memory: '256Mi', memoryLimit: '512Mi' } }));
    expect(app.resources.requests.memory).toBe('256Mi');
    expect(app.resources.limits.memory).toBe('512Mi');
    expect(app.provenance['resources.memoryLimit']).toBe('app');
  });

  test('sets a CPU limit only when one is given', () => {
    expect(resolve(webDef({ resources: { cpuLimit: '2' } })).resources.limits.cpu).toBe('2');
  });

  test('takes an ephemeral-storage request and limit', () => {
    const app = resolve(webDef({ resources: { ephemeralStorage: '128Mi', ephemeralStorageLimit: '2Gi' } }));
    expect(app.resources.requests['ephemeral-storage']).toBe('128Mi');
    expect(app.resources.limits['ephemeral-storage']).toBe('2Gi');
  });

  test('compares a request and a limit by value across suffixes', () => {
    const app = resolve(webDef({ resources: { memory: '1000Mi', memoryLimit: '1Gi', cpu: '999m', cpuLimit: '1' } }));
    expect(app.resources.limits).toMatchObject({ memory: '1Gi', cpu: '1' });
  });
});

describe('resolveResources: bad input', () => {
  test.each([
    ['memory', '500mi', "is not a Kubernetes quantity (binary suffixes are capitalised: '500Mi')", "e.g. '512Mi' or '2Gi'"],
    ['cpu', '1.5.0', 'is not a Kubernetes quantity', "e.g. '250m' or '1'"],
    ['memoryLimit', '-1Gi', 'must not be negative', 'use a positive quantity'],
    ['memory', '500m', "is in millibytes ('m'); memory and storage take 'Mi' or 'M'", "write '500Mi'"],
    ['ephemeralStorage', '0', 'must be greater than zero', 'use a positive quantity'],
  ])("fails when resources.%s is '%s'", (key, value, message, fix) => {
    expectOnlyProblem(() => resolve(webDef({ resources: { [key]: value } })), {
      code: 'E_QUANTITY',
      field: `resources.${key}`,
      value,
      message,
      fix,
    });
  });

  test('points at the override when the bad quantity is in one', () => {
    expectOnlyProblem(() => resolve(webDef({ environments: { prod: { resources: { cpu: '2 cores' } } } })), {
      code: 'E_QUANTITY',
      field: 'environments.prod.resources.cpu',
      value: '2 cores',
      fix: "e.g. '250m' or '1'",
    });
  });

  test('fails when the memory request is above the memory limit', () => {
    expectOnlyProblem(() => resolve(webDef({ resources: { memory: '1Gi', memoryLimit: '512Mi' } })), {
      code: 'E_REQUEST_OVER_LIMIT',
      field: 'resources.memoryLimit',
      value: '512Mi',
      message: 'must be at least the request resources.memory (1Gi)',
      fix: 'raise resources.memoryLimit or lower resources.memory',
    });
  });

  test('fails when the CPU request is above the CPU limit', () => {
    expectOnlyProblem(() => resolve(webDef({ resources: { cpu: '2', cpuLimit: '1500m' } })), {
      code: 'E_REQUEST_OVER_LIMIT',
      field: 'resources.cpuLimit',
      value: '1500m',
      message: 'must be at least the request resources.cpu (2)',
      fix: 'raise resources.cpuLimit or lower resources.cpu',
    });
  });

  test('fails when the ephemeral-storage request is above its limit', () => {
    expectOnlyProblem(() => resolve(webDef({ resources: { ephemeralStorage: '2Gi' } })), {
      code: 'E_REQUEST_OVER_LIMIT',
      field: 'resources.ephemeralStorageLimit',
      value: '1Gi',
      message: 'must be at least the request resources.ephemeralStorage (2Gi)',
      fix: 'raise resources.ephemeralStorageLimit',
    });
  });

  test('points at the override when the limit below the request is in one', () => {
    expectOnlyProblem(() => resolve(webDef({ resources: { cpu: '1' }, environments: { prod: { resources: { cpuLimit: '500m' } } } })), {
      code: 'E_REQUEST_OVER_LIMIT',
      field: 'environments.prod.resources.cpuLimit',
      value: '500m',
      fix: 'raise resources.cpuLimit',
    });
  });

  test('reports every bad quantity at once', () => {
    expectProblem(() => resolve(webDef({ resources: { cpu: 'x', memory: 'y' } })), { code: 'E_QUANTITY', field: 'resources.cpu', value: 'x', fix: "'250m'" });
    expectProblem(() => resolve(webDef({ resources: { cpu: 'x', memory: 'y' } })), {
      code: 'E_QUANTITY',
      field: 'resources.memory',
      value: 'y',
      fix: "'512Mi'",
    });
  });
});
