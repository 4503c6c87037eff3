import { Container } from './k8s-types';

/**
 * The GPU resources a container asks for: the vendors' device plugins advertise them as
 * `<vendor>/gpu` (nvidia.com/gpu, amd.com/gpu, gpu.intel.com/i915 aside).
 */
export function gpuResources(container: Container): string[] {
  const names = [...Object.keys(container.resources?.requests ?? {}), ...Object.keys(container.resources?.limits ?? {})];
  return [...new Set(names.filter((n) => n.endsWith('/gpu')))].sort();
}
