import { Summary } from '../../bench/measure';
import { ratios, targets } from '../../bench/report';

const summary = (wallMs: number, wallMsMin: number, cpuMs: number, extra: Partial<Summary> = {}): Summary => ({
  runs: 3,
  wallMs,
  wallMsMin,
  wallMsMax: wallMs * 1.2,
  cpuMs,
  maxRssKb: 400 * 1024,
  startRssKb: 100 * 1024,
  detail: { objects: 1, files: 1, bytes: 1 },
  ...extra,
});

describe('benchmark report', () => {
  const s = { pipeline: summary(9000, 8000, 12000), 'raw-cdk8s-plus': summary(10000, 6400, 10000), 'yaml-floor': summary(6000, 5000, 6000) };

  test('divides the pipeline by each baseline, by median wall, median CPU and best run', () => {
    expect(ratios(s)).toMatchObject({
      pipelineOverRawWall: 0.9,
      pipelineOverRawCpu: 1.2,
      pipelineOverRawBestWall: 1.25,
      pipelineOverFloorWall: 1.5,
      pipelineOverFloorBestWall: 1.6,
    });
  });

  test('leaves out a skipped baseline instead of dividing by it', () => {
    const r = ratios({ ...s, 'raw-cdk8s-plus': summary(10000, 6400, 10000, { skipped: 'kubectl not installed' }) });
    expect(r.pipelineOverRawWall).toBeUndefined();
    expect(r.pipelineOverRawBestWall).toBeUndefined();
  });

  test("judges the issue's targets on medians, and says when a target could not be measured", () => {
    const judged = targets(1000, 3, s, ratios(s), { runs: 5, wallMs: 1600, cpuMs: null, maxRssKb: null });
    expect(judged.map((t) => [t.name, t.met])).toEqual([
      ['(1)/(2) wall', true],
      ['(1)/(3) wall', true],
      ['peak RSS of (1) at 1000 apps x 3 envs', true],
      ['npm run synth (sample repo), wall', false],
    ]);
    expect(targets(1000, 3, {}, ratios({})).map((t) => t.met)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
