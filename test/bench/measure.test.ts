import { median, summarize } from '../../bench/measure';
import { Sample } from '../../bench/scenario';

const sample = (wallMs: number, cpuMs: number | null): Sample => ({ wallMs, cpuMs, maxRssKb: 1000, startRssKb: 500, startUs: 0, endUs: 1, detail: {} });

describe('medians', () => {
  test('take the middle run, or the mean of the two middle runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  test('are taken per metric, and CPU is unknown when any run could not measure it', () => {
    const s = summarize([sample(10, 5), sample(30, 7), sample(20, 6)]);
    expect([s.wallMs, s.cpuMs, s.wallMsMin, s.wallMsMax, s.runs]).toEqual([20, 6, 10, 30, 3]);
    expect(summarize([sample(10, null), sample(20, 1)]).cpuMs).toBeNull();
  });
});
