import { perRun } from '../../lib/internal/per-run';

describe('perRun', () => {
  test('one value for a run of equal keys, a new one when the key changes, and a new one again when an earlier key comes back', () => {
    let made = 0;
    const of = perRun(() => ({ n: ++made }));
    expect(made).toBe(0);
    const a = of('payments');
    expect(of('payments')).toBe(a);
    expect(a).toEqual({ n: 1 });
    const b = of('search');
    expect(b).toEqual({ n: 2 });
    expect(of('search')).toBe(b);
    expect(of('payments')).toEqual({ n: 3 });
    expect(made).toBe(3);
  });
});
