import { ProcessSummary } from '../../bench/incremental';
import { Summary } from '../../bench/measure';
import { scaleTargets, ScaleMeasurements } from '../../bench/scale-targets';

const usage = (wallMs: number, minWallMs: number, maxWallMs: number, cpuMs: number | null = wallMs * 1.3): ProcessSummary => ({
  runs: 5,
  wallMs,
  minWallMs,
  maxWallMs,
  cpuMs,
  maxRssKb: 350 * 1024,
});

const pipeline = (maxRssKb: number): Summary => ({
  runs: 1,
  wallMs: 1,
  wallMsMin: 1,
  wallMsMax: 1,
  cpuMs: 1,
  maxRssKb,
  startRssKb: 1,
  detail: {},
});

const measured: ScaleMeasurements = {
  incremental: { apps: 1000, fill: usage(7000, 7000, 7000), oneAppChanged: usage(1210, 1190, 1270), noCache: usage(4010, 3960, 4200) },
  parallel: { apps: 1000, jobs: 2, serial: usage(4200, 4000, 4500), parallel: usage(4500, 4100, 4900) },
  startup: { sampleSynth: usage(250, 240, 270, 290), loadCdk8s: usage(150, 140, 160, 160) },
  cpus: 2,
  ratios: { pipelineOverRawCpu: 1.2 },
  apps: 1000,
  scaling: [
    { apps: 1000, summaries: { pipeline: pipeline(326 * 1024) } },
    { apps: 10000, summaries: { pipeline: pipeline(958 * 1024) } },
  ],
  environments: 3,
};

describe("bench: issue 17's targets", () => {
  test('judges each target on what it was measured at, and says what was measured', () => {
    expect(scaleTargets(measured)).toEqual([
      { name: '17(a) one app changed, warm cache, whole process, 1000 apps', limit: '<= 1.5 s wall, every run', actual: '1.21 s (1.19..1.27)', met: true },
      {
        name: '17(b) --jobs N against --jobs 1, --no-cache, 1000 apps, --jobs 2 on 2 CPUs',
        limit: '>= 1.6x (2 cores)',
        actual: '0.93x by median, 0.98x best against best',
        met: false,
      },
      { name: '17(c) peak RSS of (1) at 10000 apps x 3 envs', limit: '<= 1 GiB', actual: '958 MiB', met: true },
      {
        name: "17(c) peak RSS of 'platform synth' at 10000 apps x 3 envs: filling the cache, one app changed, --no-cache",
        limit: '<= 1 GiB',
        actual: 'not measured at 10000 apps (the incremental pass ran at 1000: --incremental-apps 10000)',
      },
      { name: '17(d) (1)/(2) pipeline / raw cdk8s-plus by CPU, 1000 apps', limit: '<= 0.6', actual: '1.20', met: false },
      { name: '17(e) sample repo synth / loading cdk8s + cdk8s-plus-28', limit: '<= 2 by wall and CPU', actual: '1.67 by wall, 1.81 by CPU', met: true },
    ]);
  });

  test('a time target is met only when the slowest run meets it too, not the median alone', () => {
    const [a] = scaleTargets({ ...measured, incremental: { ...measured.incremental!, oneAppChanged: usage(1400, 1300, 1600) } });
    expect(a).toMatchObject({ actual: '1.40 s (1.30..1.60); the slowest run is over', met: false });
    const [over] = scaleTargets({ ...measured, incremental: { ...measured.incremental!, oneAppChanged: usage(1550, 1450, 1700) } });
    expect(over).toMatchObject({ actual: '1.55 s (1.45..1.70)', met: false });
  });

  test('a speed-up must hold on medians and best against best', () => {
    const [, b] = scaleTargets({ ...measured, parallel: { apps: 1000, jobs: 2, serial: usage(4000, 3000, 4500), parallel: usage(2400, 2200, 2600) } });
    expect(b).toMatchObject({ actual: '1.67x by median, 1.36x best against best', met: false });
  });

  test('a target the run did not measure is not judged, and (c) says which size was measured and how to measure it', () => {
    const judged = scaleTargets({ cpus: 2, ratios: {}, apps: 1000, scaling: [{ apps: 3000, summaries: { pipeline: pipeline(390 * 1024) } }], environments: 3 });
    expect(judged.map((t) => t.met)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(judged[2].actual).toBe('not measured at 10000 apps (390 MiB at 3000: --scaling 10000)');
  });

  test("(c) as a team meets it: every 'platform synth' process at 10,000 apps within 1 GiB, the cache filled, warm and off", () => {
    const at10k = (fill: number, warm: number, off: number) =>
      scaleTargets({
        ...measured,
        incremental: {
          apps: 10000,
          fill: { ...usage(80000, 80000, 80000), maxRssKb: fill * 1024 },
          oneAppChanged: { ...usage(9000, 8000, 9500), maxRssKb: warm * 1024 },
          noCache: { ...usage(50000, 49000, 52000), maxRssKb: off * 1024 },
        },
      })[3];
    expect(at10k(990, 900, 950)).toMatchObject({ limit: '<= 1 GiB, each', actual: '990 MiB, 900 MiB, 950 MiB', met: true });
    // (a) is set at 1,000 apps: the 10,000-app pass reports it without judging it.
    const [a] = scaleTargets({ ...measured, incremental: { ...measured.incremental!, apps: 10000, oneAppChanged: usage(14000, 13900, 14100) } });
    expect(a).toEqual({
      name: '17(a) one app changed, warm cache, whole process, 10000 apps',
      limit: '<= 1.5 s wall at 1000 apps',
      actual: '14.00 s (13.90..14.10); not judged at this size',
    });
    expect(at10k(1254, 900, 950)).toMatchObject({ actual: '1254 MiB, 900 MiB, 950 MiB', met: false });
    expect(at10k(990, 900, 1040)).toMatchObject({ met: false });
  });
});
