import { Range } from './workload-capacity';

/**
 * How capacity is shown: CPU in vCPU (cores), memory in GiB (2^30 bytes), both to three decimals
 * (a millicore; about a MiB), trailing zeros dropped.
 */
const GIB = 2 ** 30;

export function vcpu(cores: number): number {
  return round(cores);
}

export function gib(bytes: number): number {
  return round(bytes / GIB);
}

/** `0.25 vCPU`, `1.5..6 vCPU`. */
export function formatVcpu(value: number | Range): string {
  return `${formatRange(value, vcpu)} vCPU`;
}

/** `0.375 GiB`, `1.5..6 GiB`. */
export function formatGib(value: number | Range): string {
  return `${formatRange(value, gib)} GiB`;
}

/** `4`, `4..20`. */
export function formatCount(value: Range): string {
  return formatRange(value, (n) => n);
}

/** `+0.25 vCPU`, `-1 GiB`, `±0 vCPU`, `+4 GPU`. */
export function signed(value: number, unit: 'vCPU' | 'GiB' | 'GPU'): string {
  const n = unit === 'vCPU' ? vcpu(value) : unit === 'GiB' ? gib(value) : value;
  return `${n > 0 ? '+' : n < 0 ? '-' : '±'}${Math.abs(n)} ${unit}`;
}

/** Rounded, so that 0.1 + 0.2 shows as 0.3 and a few bytes of noise as 0. */
function round(n: number): number {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? 0 : r;
}

function formatRange(value: number | Range, scale: (n: number) => number): string {
  if (typeof value === 'number') return String(scale(value));
  const [min, max] = [scale(value.min), scale(value.max)];
  return min === max ? String(min) : `${min}..${max}`;
}
