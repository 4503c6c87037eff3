import { lazyClass } from '../../lib/internal/lazy-class';

class Real {
  static made = 0;
  static of(n: number): Real {
    return new Real(n);
  }
  constructor(readonly n: number) {
    Real.made++;
  }
  twice(): number {
    return this.n * 2;
  }
}

describe('lazyClass', () => {
  test('loads the class on first use, once, and behaves as it for new, statics, instanceof and extends', () => {
    let loads = 0;
    const Lazy = lazyClass(() => {
      loads++;
      return Real;
    });
    expect(loads).toBe(0);
    const made = new Lazy(3);
    expect(loads).toBe(1);
    expect(made.twice()).toBe(6);
    expect(made).toBeInstanceOf(Real);
    expect(made instanceof Lazy).toBe(true);
    expect(Lazy.of(4)).toBeInstanceOf(Real);
    class Sub extends Lazy {
      thrice(): number {
        return this.n * 3;
      }
    }
    const sub = new Sub(5);
    expect([sub.twice(), sub.thrice(), sub instanceof Sub, sub instanceof Real]).toEqual([10, 15, true, true]);
    expect(loads).toBe(1);
  });
});
