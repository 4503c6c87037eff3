import { didYouMean, editDistance } from '../../lib/internal/did-you-mean';

describe('didYouMean', () => {
  test('finds a doubled letter, a missing letter and a swap', () => {
    expect(didYouMean('healthh', ['health', 'healthPort'])).toBe('health');
    expect(didYouMean('metricPort', ['metricsPort', 'metricsPath'])).toBe('metricsPort');
    expect(didYouMean('imgae', ['image', 'name'])).toBe('image');
  });

  test('ignores case', () => {
    expect(didYouMean('MetricsPort', ['metricsPort'])).toBe('metricsPort');
  });

  test('suggests nothing when no name is close', () => {
    expect(didYouMean('zzzzzzzz', ['health', 'image'])).toBeUndefined();
  });

  test('counts a swap of neighbours as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
