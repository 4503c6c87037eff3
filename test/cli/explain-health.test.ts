import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { LIB, tempRepo } from '../fixtures/temp-repo';

const LOADGEN = `import { goldenPath, Health, Replicas } from '${LIB}';
const { worker } = goldenPath([]);
export default worker({
  name: 'loadgen', team: 'shop', image: 'ghcr.io/acme/loadgen:1.0.0', replicas: Replicas.fixed(2),
  health: Health.none({ reason: 'load generator: serves nothing, exits on failure' }),
});
`;

describe('a worker with no health endpoint', () => {
  const root = tempRepo({ 'apps/shop/loadgen.ts': LOADGEN });

  test('platform explain shows the reason, from the app', () => {
    const io = bufferIo();
    expect(main(['--root', root, 'explain', 'loadgen', '--env', 'prod'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^health\s+no health endpoint: load generator: serves nothing, exits on failure\s+app$/m);
  });

  test('platform check passes it (the declaration is on its Deployment) and shows the reason', () => {
    const io = bufferIo();
    expect(main(['--root', root, 'check'], io)).toBe(0);
    expect(io.stdout()).toContain('PASSED');
    expect(io.stdout()).toContain('  no health endpoint: shop/loadgen: load generator: serves nothing, exits on failure\n');
  });
});
