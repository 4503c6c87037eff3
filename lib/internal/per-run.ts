/**
 * A value made on first use and made afresh whenever the key changes: for memos meant to live for
 * one run of equal keys (a team's apps, in the order they are rendered or laid out), so that what
 * they remember (a YAML emitter's every distinct value, every app's dashboards among them) does not
 * grow with the fleet. A key met again after another starts a new run.
 */
export function perRun<T>(make: () => T): (key: string) => T {
  let current: { readonly key: string; readonly value: T } | undefined;
  return (key) => {
    if (current?.key !== key) current = { key, value: make() };
    return current.value;
  };
}
