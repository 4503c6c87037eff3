import { Problems } from '../internal/errors';
import { parseQuantity, QuantityKind } from '../internal/quantity';
import { ResolvedApp } from '../model/resolved-app';
import { Resources } from '../model/resources';
import { overrideField, ResolveContext } from './resolve-context';
import { Origin } from '../model/resolved-app';
import { Sourced } from '../model/resolved-environment';

/** Every quantity of `Resources`, with what it measures. */
export const RESOURCE_FIELDS: readonly { key: keyof Resources; kind: QuantityKind }[] = [
  { key: 'cpu', kind: 'cpu' },
  { key: 'memory', kind: 'bytes' },
  { key: 'cpuLimit', kind: 'cpu' },
  { key: 'memoryLimit', kind: 'bytes' },
  { key: 'ephemeralStorage', kind: 'bytes' },
  { key: 'ephemeralStorageLimit', kind: 'bytes' },
];

/** Requests for CPU, memory and ephemeral storage; limits for memory and storage, and CPU when asked. */
export function resolveResources(ctx: ResolveContext): ResolvedApp['resources'] {
  const { def, override, env, prov, problems } = ctx;
  const value: Record<string, string | undefined> = {};
  const amount: Record<string, number | undefined> = {};
  const origin: Record<string, Origin> = {};
  for (const { key, kind } of RESOURCE_FIELDS) {
    const inherited = (env.profile.resources as Partial<Record<keyof Resources, Sourced<string>>>)[key];
    const layers = [
      [inherited?.origin ?? 'environment', inherited?.value],
      ['app', def.resources?.[key]],
      ['override', override.resources?.[key]],
    ] as const;
    const picked = prov.pickOptional<string>(`resources.${key}`, ...layers);
    if (picked === undefined) continue;
    origin[key] = [...layers].reverse().find((l) => l[1] !== undefined)![0];
    const parsed = parseQuantity(picked, kind);
    if ('problem' in parsed) {
      const field = overrideField(ctx, `resources.${key}`, origin[key] === 'override');
      problems.add({ code: 'E_QUANTITY', field, value: picked, message: parsed.problem, fix: parsed.fix });
      continue;
    }
    value[key] = picked;
    amount[key] = parsed.value;
  }
  // The memory limit defaults to the request: a pod never gets memory it cannot keep.
  if (value.memoryLimit === undefined && value.memory !== undefined) {
    value.memoryLimit = value.memory;
    amount.memoryLimit = amount.memory;
    origin.memoryLimit = origin.memory;
    prov.record('resources.memoryLimit', origin.memory, value.memory);
  }
  checkRequestsWithinLimits(problems, amount, value, (limit) => overrideField(ctx, `resources.${limit}`, origin[limit] === 'override'));
  const limits: Partial<Record<'cpu' | 'memory' | 'ephemeral-storage', string>> = {};
  if (value.cpuLimit !== undefined) limits.cpu = value.cpuLimit;
  if (value.memoryLimit !== undefined) limits.memory = value.memoryLimit;
  if (value.ephemeralStorageLimit !== undefined) limits['ephemeral-storage'] = value.ephemeralStorageLimit;
  return {
    requests: { cpu: value.cpu ?? '', memory: value.memory ?? '', 'ephemeral-storage': value.ephemeralStorage ?? '' },
    limits,
  };
}

type Limited = 'cpu' | 'memory' | 'ephemeralStorage' | 'cpuLimit' | 'memoryLimit' | 'ephemeralStorageLimit';
const REQUEST_LIMITS = [
  ['cpu', 'cpuLimit'],
  ['memory', 'memoryLimit'],
  ['ephemeralStorage', 'ephemeralStorageLimit'],
] as const;

/** No request above its limit (the API server would refuse the pod); `fieldOf` names a limit where the definition set it. Shared with the extra containers' resources. */
export function checkRequestsWithinLimits(
  problems: Pick<Problems, 'add'>,
  amount: Partial<Record<Limited, number>>,
  value: Partial<Record<Limited, string>>,
  fieldOf: (limit: 'cpuLimit' | 'memoryLimit' | 'ephemeralStorageLimit') => string,
): void {
  for (const [request, limit] of REQUEST_LIMITS) {
    const r = amount[request];
    const l = amount[limit];
    if (r !== undefined && l !== undefined && r > l) {
      problems.add({
        code: 'E_REQUEST_OVER_LIMIT',
        field: fieldOf(limit),
        value: value[limit],
        message: `must be at least the request resources.${request} (${value[request]})`,
        fix: `raise resources.${limit} or lower resources.${request}`,
      });
    }
  }
}
