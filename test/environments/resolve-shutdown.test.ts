import { Shutdown } from '../../lib/model/shutdown';
import { resolve, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { expectOnlyProblem, expectProblem } from './expect-problem';

const K130 = testEnvironment({ kubernetesVersion: '1.30' });

describe('resolveApp: shutdown on Kubernetes 1.28 (no sleep action)', () => {
  test('gives a web service a 30 s grace period and no preStop hook: no hook runs on every image', () => {
    const app = resolve(webDef());
    expect(app.shutdown).toEqual({ gracePeriodSeconds: 30, preStop: { kind: 'none' } });
    expect(app.provenance['shutdown.preStop']).toBe('platform');
  });

  test('takes an explicit exec hook with its delay', () => {
    const app = resolve(webDef({ shutdown: { gracePeriodSeconds: 45, preStop: Shutdown.exec(['sleep', '10'], { seconds: 10 }) } }));
    expect(app.shutdown).toEqual({ gracePeriodSeconds: 45, preStop: { kind: 'exec', command: ['sleep', '10'], seconds: 10 } });
    expect(app.provenance['shutdown.preStop']).toBe('app');
  });

  test('fails on the sleep action, which this Kubernetes does not have, and says what to write instead', () => {
    expectOnlyProblem(() => resolve(webDef({ shutdown: { preStop: Shutdown.sleep(5) } })), {
      code: 'E_PRESTOP_SLEEP',
      field: 'shutdown.preStop',
      value: 5,
      message: 'needs the preStop sleep action of Kubernetes >= 1.30; prod runs 1.28',
      fix: "Shutdown.exec(['sleep', '5'], { seconds: 5 })",
    });
  });

  test('keeps preStopSeconds, which the app wrote, as the sleep command it has always been', () => {
    const app = resolve(webDef({ shutdown: { preStopSeconds: 10 } }));
    expect(app.shutdown.preStop).toEqual({ kind: 'exec', command: ['sleep', '10'], seconds: 10 });
    expect(app.provenance['shutdown.preStop']).toBe('app');
  });

  test('fails when preStopSeconds is as long as the grace period, at that field', () => {
    expectOnlyProblem(() => resolve(webDef({ shutdown: { gracePeriodSeconds: 10, preStopSeconds: 10 } })), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStopSeconds',
      value: 10,
      message: 'delays shutdown 10s, which must be less than shutdown.gracePeriodSeconds (10)',
      fix: 'raise gracePeriodSeconds',
    });
  });

  test('takes preStopSeconds: 0 as no hook', () => {
    expect(resolve(webDef({ shutdown: { preStopSeconds: 0 } })).shutdown.preStop).toEqual({ kind: 'none' });
  });
});

describe('resolveApp: shutdown on Kubernetes 1.30 (sleep action)', () => {
  test('gives a web service a 5 s sleep action', () => {
    expect(resolve(webDef(), K130).shutdown).toEqual({ gracePeriodSeconds: 30, preStop: { kind: 'sleep', seconds: 5 } });
  });

  test('gives workers and scheduled tasks no hook', () => {
    expect(resolve(workerDef(), K130).shutdown.preStop).toEqual({ kind: 'none' });
    expect(resolve(taskDef(), K130).shutdown.preStop).toEqual({ kind: 'none' });
  });

  test('takes the app’s own grace period and delay', () => {
    const app = resolve(webDef({ shutdown: { gracePeriodSeconds: 60, preStopSeconds: 10 } }), K130);
    expect(app.shutdown).toEqual({ gracePeriodSeconds: 60, preStop: { kind: 'sleep', seconds: 10 } });
    expect(app.provenance['shutdown.gracePeriodSeconds']).toBe('app');
  });

  test('takes Shutdown.none() over the default', () => {
    expect(resolve(webDef({ shutdown: { preStop: Shutdown.none() } }), K130).shutdown.preStop).toEqual({ kind: 'none' });
  });

  test('fails when the app’s delay is as long as the grace period', () => {
    expectOnlyProblem(() => resolve(webDef({ shutdown: { gracePeriodSeconds: 10, preStop: Shutdown.sleep(10) } }), K130), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStop',
      value: 10,
      message: 'must be less than shutdown.gracePeriodSeconds (10)',
      fix: 'shorten the preStop delay or raise gracePeriodSeconds',
    });
  });

  test('fails at the grace period the app wrote when it is shorter than the default delay it did not write', () => {
    expectOnlyProblem(() => resolve(webDef({ shutdown: { gracePeriodSeconds: 5 } }), K130), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.gracePeriodSeconds',
      value: 5,
      message: 'must exceed the default preStop delay of a web service (5s)',
      fix: 'Shutdown.none()',
    });
  });

  test('fails when both preStop and preStopSeconds are set', () => {
    expectProblem(() => resolve(webDef({ shutdown: { preStop: Shutdown.sleep(3), preStopSeconds: 3 } }), K130), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStopSeconds',
      value: 3,
      message: 'is set together with shutdown.preStop',
      fix: 'keep shutdown.preStop alone',
    });
  });
});

describe('resolveApp: shutdown values', () => {
  test('fails when the exec hook’s delay exceeds the grace period', () => {
    expectOnlyProblem(() => resolve(webDef({ shutdown: { gracePeriodSeconds: 20, preStop: Shutdown.exec(['/drain'], { seconds: 25 }) } })), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStop',
      value: 25,
      message: 'delays shutdown 25s, which must be less than shutdown.gracePeriodSeconds (20)',
      fix: 'raise gracePeriodSeconds',
    });
  });

  test('fails on an empty exec command', () => {
    expectOnlyProblem(() => resolve(webDef({ shutdown: { preStop: Shutdown.exec([]) } })), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStop.command',
      value: [],
      message: 'must be a non-empty list of strings',
      fix: "Shutdown.exec(['/app/drain'])",
    });
  });

  test('fails when a shutdown time is negative or fractional', () => {
    expectOnlyProblem(() => resolve(workerDef({ shutdown: { gracePeriodSeconds: -1 } })), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.gracePeriodSeconds',
      value: -1,
      message: 'must be a whole number of seconds, 0 or more',
      fix: 'e.g. 30',
      app: 'mailer',
    });
    expectProblem(() => resolve(webDef({ shutdown: { preStopSeconds: 2.5 } }), K130), {
      code: 'E_SHUTDOWN',
      field: 'shutdown.preStopSeconds',
      value: 2.5,
      fix: 'e.g. 5',
    });
  });
});
