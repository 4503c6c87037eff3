import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { tempRepo, webApp } from '../fixtures/temp-repo';

describe('exit codes, as --help and the README state them', () => {
  test('--help lists every exit code, 70 (a bug) included', () => {
    const io = bufferIo();
    expect(main(['--help'], io)).toBe(0);
    expect(io.stdout()).toContain(
      [
        'Exit codes:',
        '  0   success',
        '  1   invalid input (an app definition, apps/environments.ts) or failed checks or guard',
        '  2   wrong command line, or a configuration file (apps/releases.yaml) that is the only problem',
        '  70  a bug in the platform: it prints "internal error" and a stack trace; please report it',
      ].join('\n'),
    );
  });

  test('capacity: 0 for a valid fleet, 1 for invalid input, 2 for a wrong releases file', () => {
    const ok = tempRepo({ 'apps/shop/web.ts': webApp('web') });
    expect(main(['--root', ok, 'capacity'], bufferIo())).toBe(0);
    const invalid = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', 'port: 70000') });
    const io = bufferIo();
    expect(main(['--root', invalid, 'capacity'], io)).toBe(1);
    expect(io.stderr()).toMatch(/^error: apps\/shop\/web\.ts: app 'web': .*\[E_PORT\]\n$/);
    const releases = tempRepo({ 'apps/shop/web.ts': webApp('web'), 'apps/releases.yaml': 'shop:\n  web:\n    qa: 1.0.0\n' });
    expect(main(['--root', releases, 'capacity'], bufferIo())).toBe(2);
  });
});
