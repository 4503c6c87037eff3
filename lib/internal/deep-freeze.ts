/**
 * Freezes `value` and every object and array inside it, so shared data (the platform's defaults)
 * cannot be changed by whoever reads it: a write throws in strict mode. Returns `value` itself.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
