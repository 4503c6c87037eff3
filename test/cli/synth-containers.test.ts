import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bufferIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { tempRepo, webApp } from '../fixtures/temp-repo';

/** Each bad input of the pod's containers, metadata and shutdown stops synth with its located error, and nothing is written. */
describe('platform synth: bad containers, metadata and shutdown write nothing', () => {
  test.each([
    [
      'a sidecar image without a pin',
      "sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy' }]",
      "'sidecars[0].image' has no tag or digest",
      'E_IMAGE_UNPINNED',
    ],
    [
      'duplicate container names',
      "sidecars: [{ name: 'proxy', image: 'p:1' }], initContainers: [{ name: 'proxy', image: 'm:1' }]",
      "'initContainers[0].name' is already the name of sidecars[0].name",
      'E_CONTAINER_NAME_DUPLICATE',
    ],
    [
      'a container named like the app',
      "initContainers: [{ name: 'web', image: 'm:1' }]",
      "'initContainers[0].name' is the name of the app's own container",
      'E_CONTAINER_NAME_CLASH',
    ],
    [
      'an init container with probes',
      "initContainers: [{ name: 'm', image: 'm:1', health: { kind: 'exec', command: ['true'] } }]",
      "'initContainers[0].health' is not allowed",
      'E_INIT_CONTAINER_PROBE',
    ],
    [
      'a forbidden annotation',
      "pod: { annotations: { 'container.apparmor.security.beta.kubernetes.io/web': 'unconfined' } }",
      "'pod.annotations.container.apparmor.security.beta.kubernetes.io/web' runs a container without AppArmor confinement",
      'E_ANNOTATION_FORBIDDEN',
    ],
    [
      'an unknown downward-API field',
      "envRefs: { X: { kind: 'field', fieldPath: 'spec.hostname' } }",
      "'envRefs.X.fieldPath' is not a field the downward API",
      'E_DOWNWARD_FIELD',
    ],
    [
      'a preStop longer than the grace period',
      "shutdown: { gracePeriodSeconds: 5, preStop: { kind: 'exec', command: ['/drain'], seconds: 8 } }",
      "'shutdown.preStop' delays shutdown 8s, which must be less than shutdown.gracePeriodSeconds (5)",
      'E_SHUTDOWN',
    ],
  ])('%s', (_, extra, message, code) => {
    const root = tempRepo({ 'apps/shop/web.ts': webApp('web', 'shop', extra) });
    const io = bufferIo();
    expect(main(['--root', root, 'synth'], io)).toBe(1);
    // Problems that are the same in every environment are reported once, naming them all ('dev, prod').
    expect(io.stderr()).toMatch(new RegExp(`apps/shop/web\\.ts: app 'web': environment 'dev(, prod)?': `));
    expect(io.stderr()).toContain(message);
    expect(io.stderr()).toContain(`[${code}]`);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });
});
