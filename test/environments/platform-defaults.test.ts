import { PLATFORM_DEFAULTS } from '../../lib/environments/platform-defaults';

/** Paths of every object or array inside `value` that is not frozen. */
function unfrozen(value: unknown, path = 'PLATFORM_DEFAULTS'): string[] {
  if (value === null || typeof value !== 'object') return [];
  const inner = Object.entries(value).flatMap(([key, v]) => unfrozen(v, `${path}.${key}`));
  return Object.isFrozen(value) ? inner : [path, ...inner];
}

describe('PLATFORM_DEFAULTS', () => {
  test('is frozen all the way down: nested objects, arrays and the Replicas objects', () => {
    expect(unfrozen(PLATFORM_DEFAULTS)).toEqual([]);
  });

  // Test files are modules, so strict mode: a write to a frozen object throws instead of doing nothing.
  test.each([
    ['a Replicas object', () => ((PLATFORM_DEFAULTS.webServiceReplicas as { count: number }).count = 5)],
    ['a nested field', () => ((PLATFORM_DEFAULTS.rollout['web-service'] as { maxUnavailable: number }).maxUnavailable = 1)],
    ['a nested array', () => (PLATFORM_DEFAULTS.topologySpread.topologyKeys as unknown as string[]).push('topology.kubernetes.io/region')],
    ['an object inside an array', () => ((PLATFORM_DEFAULTS.monitoring.burnRateAlerts[0] as { factor: number }).factor = 1)],
    ['an empty record', () => ((PLATFORM_DEFAULTS.dataStores.engines.redis.env as Record<string, string>).MAXMEMORY = '64mb')],
  ])('throws when code assigns to %s', (_, write) => {
    expect(write).toThrow(TypeError);
  });

  test('keeps its values after the attempts', () => {
    expect(PLATFORM_DEFAULTS.webServiceReplicas).toEqual({ kind: 'fixed', count: 1 });
    expect(PLATFORM_DEFAULTS.topologySpread.topologyKeys).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    expect(PLATFORM_DEFAULTS.dataStores.engines.redis.env).toEqual({});
  });
});

// Never called: `tsc --noEmit` (npm test) fails if the exported type stops being readonly,
// since each @ts-expect-error then expects an error that no longer happens.
export function typeStaysReadonly(): void {
  // @ts-expect-error a default is readonly
  PLATFORM_DEFAULTS.port = 9090;
  // @ts-expect-error nested fields are readonly
  PLATFORM_DEFAULTS.rollout.worker.maxSurge = '50%';
  // @ts-expect-error Replicas objects are readonly
  PLATFORM_DEFAULTS.workerReplicas.count = 2;
  // @ts-expect-error arrays are readonly
  PLATFORM_DEFAULTS.monitoring.windows.push('7d');
  // @ts-expect-error the data store arrays and records are readonly too
  PLATFORM_DEFAULTS.dataStores.engines.postgres.args.push('-c');
  // @ts-expect-error the data store arrays and records are readonly too
  PLATFORM_DEFAULTS.dataStores.engines.redis.env.MAXMEMORY = '64mb';
}
