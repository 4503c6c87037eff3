import { resolve, taskDef, webDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

const report = { app: 'report' };

describe('resolveSchedule: defaults and precedence', () => {
  test('fills in every deadline and policy', () => {
    expect(resolve(taskDef()).schedule).toEqual({
      schedule: '0 6 * * *',
      timeZone: 'Etc/UTC',
      suspend: false,
      startingDeadlineSeconds: 300,
      activeDeadlineSeconds: 3600,
      backoffLimit: 2,
      ttlSecondsAfterFinished: 86400,
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      restartPolicy: 'OnFailure',
    });
  });

  test('records where the schedule and its defaults came from', () => {
    const { provenance } = resolve(taskDef());
    expect(provenance.schedule).toBe('app');
    expect(provenance.timeZone).toBe('platform');
    expect(provenance.suspend).toBe('platform');
    expect(provenance.concurrencyPolicy).toBe('platform');
  });

  test("takes the app's own time zone, deadlines and policy", () => {
    const app = resolve(
      taskDef({
        timeZone: 'Europe/Berlin',
        startingDeadlineSeconds: 60,
        activeDeadlineSeconds: 600,
        backoffLimit: 0,
        ttlSecondsAfterFinished: 3600,
        concurrencyPolicy: 'Replace',
      }),
    );
    expect(app.schedule).toMatchObject({
      timeZone: 'Europe/Berlin',
      startingDeadlineSeconds: 60,
      activeDeadlineSeconds: 600,
      backoffLimit: 0,
      ttlSecondsAfterFinished: 3600,
      concurrencyPolicy: 'Replace',
    });
    expect(app.provenance.timeZone).toBe('app');
    expect(app.provenance.backoffLimit).toBe('app');
  });

  test("takes the override's schedule over the app's", () => {
    const app = resolve(taskDef({ environments: { prod: { schedule: '30 2 * * *' }, staging: { schedule: '0 * * * *' } } }));
    expect(app.schedule!.schedule).toBe('30 2 * * *');
    expect(app.provenance.schedule).toBe('override');
  });

  test('suspends the task where the override says so', () => {
    const app = resolve(taskDef({ environments: { prod: { suspend: true } } }));
    expect(app.schedule!.suspend).toBe(true);
    expect(app.provenance.suspend).toBe('override');
  });

  test('has no schedule for a web service', () => {
    expect(resolve(webDef()).schedule).toBeUndefined();
  });

  test.each(['*/15 * * * *', '0 9 * * MON-FRI', '0 0 1 jan,jul *', '0,30 8-18 * * 1-5', '59 23 31 12 6', '@daily', '@hourly'])(
    "accepts the schedule '%s'",
    (schedule) => {
      expect(resolve(taskDef({ schedule })).schedule!.schedule).toBe(schedule);
    },
  );

  test.each(['Etc/UTC', 'UTC', 'America/Argentina/Buenos_Aires', 'America/Port-au-Prince', 'Etc/GMT+1'])("accepts the time zone '%s'", (timeZone) => {
    expect(resolve(taskDef({ timeZone })).schedule!.timeZone).toBe(timeZone);
  });
});

describe('resolveSchedule: bad input', () => {
  test.each([
    ['has four fields', '0 6 * *'],
    ['is words', 'every day'],
    ['has minute 61', '61 * * * *'],
    ['has hour 24', '0 24 * * *'],
    ['has day 0', '0 0 0 * *'],
    ['has month 13', '0 0 1 13 *'],
    ['has weekday 7', '0 0 * * 7'],
    ['has a step of 0', '*/0 * * * *'],
    ['has a backwards range', '30-10 * * * *'],
    ['has a weekday name in the month field', '0 0 1 MON *'],
    ['is empty', ''],
  ])('fails when the schedule %s', (_what, schedule) => {
    expectOnlyProblem(() => resolve(taskDef({ schedule })), {
      ...report,
      code: 'E_SCHEDULE',
      field: 'schedule',
      value: schedule,
      message: 'is not a five-field cron expression',
      fix: "e.g. '0 6 * * *' for 06:00 daily",
    });
  });

  test.each([
    ['30 February', '0 0 30 2 *'],
    ['31 April, June, September or November', '0 0 31 4,6,9,11 *'],
    ['day 30 or later in February, by name', '15 3 30-31 FEB *'],
  ])('fails when the schedule never fires (%s)', (_what, schedule) => {
    expectOnlyProblem(() => resolve(taskDef({ schedule })), {
      ...report,
      code: 'E_SCHEDULE_NEVER',
      field: 'schedule',
      value: schedule,
      message: 'never fires: none of its months has that day of the month',
      fix: "choose a day every chosen month has (February has at most 29), e.g. '0 0 28 2 *'",
    });
  });

  test.each([
    ['29 February, every four years', '0 0 29 2 *'],
    ['the 31st of the months that have one', '0 0 31 * *'],
    ['30 February or any Monday', '0 0 30 2 1'],
    ['every 10th day from the 25th of February or March', '0 0 25/10 2-3 *'],
  ])('accepts a schedule that fires (%s)', (_what, schedule) => {
    expect(resolve(taskDef({ schedule })).schedule?.schedule).toBe(schedule);
  });

  test('points at the override when the bad schedule is in one', () => {
    expectOnlyProblem(() => resolve(taskDef({ environments: { prod: { schedule: '0 6 * *' } } })), {
      ...report,
      code: 'E_SCHEDULE',
      field: 'environments.prod.schedule',
      value: '0 6 * *',
      fix: "e.g. '0 6 * * *'",
    });
  });

  test.each(['Mars/Olympus', 'europe/berlin', 'Europe/berlin', 'America/New_york', 'EUROPE/BERLIN', 'utc', '+01:00', 'Local', ''])(
    "fails on the time zone '%s'",
    (timeZone) => {
      expectOnlyProblem(() => resolve(taskDef({ timeZone })), {
        ...report,
        code: 'E_TIMEZONE',
        field: 'timeZone',
        value: timeZone,
        message: 'is not an IANA time zone',
        fix: "e.g. 'Europe/Berlin' or 'Etc/UTC'",
      });
    },
  );

  test.each([
    ['startingDeadlineSeconds', 0, 'e.g. 300'],
    ['activeDeadlineSeconds', -1, 'e.g. 3600'],
    ['ttlSecondsAfterFinished', 1.5, 'e.g. 86400'],
  ])('fails when %s is %s', (key, value, fix) => {
    expectOnlyProblem(() => resolve(taskDef({ [key]: value })), {
      ...report,
      code: 'E_DEADLINE',
      field: key,
      value,
      message: 'must be a whole number of seconds greater than 0',
      fix,
    });
  });

  test('fails when backoffLimit is negative', () => {
    expectOnlyProblem(() => resolve(taskDef({ backoffLimit: -1 })), {
      ...report,
      code: 'E_BACKOFF',
      field: 'backoffLimit',
      value: -1,
      message: 'must be a whole number of at least 0',
      fix: 'e.g. 2',
    });
  });

  test('fails when the concurrency policy allows overlapping runs', () => {
    expectOnlyProblem(() => resolve(taskDef({ concurrencyPolicy: 'Allow' } as never)), {
      ...report,
      code: 'E_CONCURRENCY',
      field: 'concurrencyPolicy',
      value: 'Allow',
      message: "must be 'Forbid' or 'Replace'",
      fix: "overlapping runs ('Allow') are not on the golden path",
    });
  });
});

describe('resolveSchedule: restart policy and job history', () => {
  test("takes restartPolicy 'Never' and the task's own history limits", () => {
    const app = resolve(taskDef({ restartPolicy: 'Never', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 5 }));
    expect([app.schedule?.restartPolicy, app.schedule?.successfulJobsHistoryLimit, app.schedule?.failedJobsHistoryLimit]).toEqual(['Never', 1, 5]);
    expect([app.provenance.restartPolicy, app.provenance.failedJobsHistoryLimit]).toEqual(['app', 'app']);
  });

  test("fails on a restart policy a Job cannot have ('Always')", () => {
    expectOnlyProblem(() => resolve(taskDef({ restartPolicy: 'Always' as never })), {
      code: 'E_RESTART_POLICY',
      field: 'restartPolicy',
      value: 'Always',
      message: "must be 'OnFailure' or 'Never'",
      fix: "'Never' when a retry must start in a fresh pod",
      app: 'report',
    });
  });

  test('fails on a negative history limit', () => {
    expectOnlyProblem(() => resolve(taskDef({ failedJobsHistoryLimit: -1 })), {
      code: 'E_HISTORY_LIMIT',
      field: 'failedJobsHistoryLimit',
      value: -1,
      message: 'must be a whole number of Jobs, 0 or more',
      fix: 'e.g. 3',
      app: 'report',
    });
  });
});
