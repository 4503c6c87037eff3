/**
 * A class that is loaded on first use: `new`, its static members, `instanceof` and `extends` all
 * reach the class `load` returns, which is loaded once. For what app files import from the
 * platform (cdk8s's JsonPatch, the CRD classes a `customize` may add): an app file is loaded by
 * every synth, while the code a `customize` runs is only called when the app is rendered, so a
 * warm synth whose every app comes from the render cache does not load cdk8s (README, "Start-up").
 * Not covered: writing a static (it lands on the placeholder), listing its keys, and identity
 * (`JsonPatch !== require('cdk8s').JsonPatch`): nothing the platform's API documents.
 */
export function lazyClass<T extends object>(load: () => T): T {
  let loaded: T | undefined;
  const real = (): T => (loaded ??= load());
  const constructor = () => real() as unknown as new (...args: unknown[]) => object;
  // The target is a plain function: its `prototype` is writable, so the proxy may answer with the class's.
  const proxy: T = new Proxy(function lazy() {} as unknown as T, {
    construct: (_target, args: unknown[], newTarget): object =>
      Reflect.construct(constructor(), args, newTarget === proxy ? constructor() : newTarget) as object,
    get: (_target, key) => Reflect.get(real(), key) as unknown,
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
  return proxy;
}
