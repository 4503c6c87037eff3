import { TimeZones } from '../../lib/environments/time-zones';

afterEach(() => jest.restoreAllMocks());

describe('TimeZones', () => {
  test('takes exact IANA names only', () => {
    const zones = new TimeZones();
    expect(
      ['Europe/Berlin', 'Etc/UTC', 'America/Argentina/Buenos_Aires', 'europe/berlin', 'Mars/Olympus', '+01:00', '', 42, undefined].map((z) => zones.isValid(z)),
    ).toEqual([true, true, true, false, false, false, false, false, false]);
  });

  test('asks Intl once per name in a run, and a new run asks again', () => {
    const format = jest.spyOn(Intl, 'DateTimeFormat');
    const run = new TimeZones();
    for (let i = 0; i < 5; i++) {
      expect(run.isValid('Europe/Berlin')).toBe(true);
      expect(run.isValid('Nowhere/Land')).toBe(false);
    }
    expect(format).toHaveBeenCalledTimes(2);
    expect(new TimeZones().isValid('Europe/Berlin')).toBe(true);
    expect(format).toHaveBeenCalledTimes(3);
  });
});
