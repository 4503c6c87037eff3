import { GOLDEN_PATH_PACK } from '../../../lib/policy/pack';
import { Untyped, webDef } from '../../helpers';
import { check, checked, edit, golden, PROD } from '../policy-helpers';

/**
 * The container rules read every container of the pod: an init container or a sidecar that breaks
 * one is reported at its own path, like the app's container would be.
 */
const INIT = 'spec.template.spec.initContainers[0]';
const SIDECAR = 'spec.template.spec.containers[1]';

function broken(container: Untyped): void {
  container.image = 'ghcr.io/acme/tool:latest';
  container.securityContext = {
    ...container.securityContext,
    privileged: true,
    allowPrivilegeEscalation: true,
    readOnlyRootFilesystem: false,
    runAsUser: 0,
    capabilities: { add: ['SYS_ADMIN'] },
  };
  delete container.resources;
  container.env = [{ name: 'API_TOKEN', value: 'sk_live_0123456789abcdef0123' }];
}

const RULES = [
  'image-tag-or-digest',
  'pss-privileged',
  'pss-privilege-escalation',
  'read-only-root-filesystem',
  'pss-run-as-non-root',
  'pss-capabilities',
  'resource-requests',
  'memory-limit',
  'secret-in-env',
];

test.each([
  [
    'an init container',
    { initContainers: [{ name: 'migrate', image: 'ghcr.io/acme/checkout:1.2.3' }] },
    (d: Untyped) => broken(d.spec.template.spec.initContainers[0]),
    INIT,
  ],
  [
    'a plain sidecar',
    { sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:2.0.0' }] },
    (d: Untyped) => broken(d.spec.template.spec.containers[1]),
    SIDECAR,
  ],
])('%s that breaks the container rules is reported at its own path', (_, extra, change, path) => {
  const manifests = edit(golden(webDef(extra), PROD), 'Deployment', change);
  const report = check([checked(manifests)], GOLDEN_PATH_PACK);
  const rules = new Set(report.findings.filter((f) => f.field?.startsWith(path)).map((f) => f.rule));
  expect(RULES.filter((r) => !rules.has(r))).toEqual([]);
});

test('a native sidecar (an init container with restartPolicy Always) is checked the same way', () => {
  const env = { ...PROD, kubernetesVersion: '1.29' };
  const manifests = edit(golden(webDef({ sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:2.0.0' }] }), env), 'Deployment', (d) =>
    broken(d.spec.template.spec.initContainers[0]),
  );
  const rules = new Set(
    check([checked(manifests)], GOLDEN_PATH_PACK)
      .findings.filter((f) => f.field?.startsWith(INIT))
      .map((f) => f.rule),
  );
  expect(RULES.filter((r) => !rules.has(r))).toEqual([]);
});
