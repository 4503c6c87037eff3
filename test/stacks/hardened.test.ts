import { Manifest } from '../../lib/manifest/manifest';
import { Environment } from '../../lib/model/environment';
import { NetworkGraph } from '../../lib/network/reachability';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { renderPlatform } from '../../lib/pipeline/render-platform';
import { runChecks } from '../../lib/policy/run-checks';
import { find, resolvedEnvironment, sourced, synthApp, testEnvironment, Untyped, webDef, workerDef } from '../helpers';
import '../matchers/network';

const DIGEST = 'sha256:4c6f1e0a9b7d2e8f3a5c7b9d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f';
const ENV: Environment = testEnvironment({
  hardening: {
    internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' },
    runtimeClassName: 'gvisor',
    nodePool: { nodeSelector: { 'acme.dev/pool': 'restricted' }, taint: { key: 'acme.dev/restricted', value: 'true', effect: 'NoSchedule' } },
  },
});
const vault = webDef({ name: 'vault', team: 'pay', image: `ghcr.io/acme/vault:2.0.0@${DIGEST}`, metricsPort: 9090, hardened: { dataClass: 'pci' } } as never);

describe('a hardened web service, synthesized', () => {
  const objects = synthApp(vault, ENV);

  test('has a cert-manager Certificate for its in-cluster names from the internal issuer', () => {
    const cert = find(objects, 'Certificate', 'vault');
    expect(cert.apiVersion).toBe('cert-manager.io/v1');
    expect(cert.spec.secretName).toBe('vault-internal-tls');
    expect(cert.spec.dnsNames).toEqual(['vault', 'vault.pay', 'vault.pay.svc', 'vault.pay.svc.cluster.local']);
    expect(cert.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'internal-ca' });
    expect(cert.spec.privateKey).toEqual({ algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' });
    expect(cert.spec.duration).toBe('720h');
    expect(cert.spec.usages).toEqual(['server auth', 'digital signature']);
    expect(cert.spec.secretTemplate.labels['platform.golden-path.dev/data-class']).toBe('pci');
  });

  test('mounts the certificate read-only at /var/run/tls', () => {
    const pod = find(objects, 'Deployment', 'vault').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'tls', secret: { secretName: 'vault-internal-tls', defaultMode: 0o440 } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'tls', mountPath: '/var/run/tls', readOnly: true });
  });

  test("runs on the environment's runtime class and node pool, without an API token", () => {
    const pod = find(objects, 'Deployment', 'vault').spec.template.spec;
    expect(pod.runtimeClassName).toBe('gvisor');
    expect(pod.nodeSelector).toEqual({ 'acme.dev/pool': 'restricted' });
    expect(pod.tolerations).toEqual([{ key: 'acme.dev/restricted', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(find(objects, 'ServiceAccount', 'vault').automountServiceAccountToken).toBe(false);
  });

  test('always pulls its digest-pinned image and probes over HTTPS', () => {
    const container = find(objects, 'Deployment', 'vault').spec.template.spec.containers[0];
    expect(container.image).toBe(`ghcr.io/acme/vault:2.0.0@${DIGEST}`);
    expect(container.imagePullPolicy).toBe('Always');
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'https', scheme: 'HTTPS' });
    expect(container.ports).toEqual([
      { name: 'https', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ]);
  });

  test('exposes only its TLS port on the Service', () => {
    expect(find(objects, 'Service', 'vault').spec.ports).toEqual([{ name: 'https', port: 8080, targetPort: 'https', protocol: 'TCP', appProtocol: 'https' }]);
  });

  test('labels every object with the data class', () => {
    const unlabelled = objects.filter((o: Manifest) => (o.metadata.labels as Record<string, string>)['platform.golden-path.dev/data-class'] !== 'pci');
    expect(unlabelled.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });
});

describe('a hardened app in a fleet', () => {
  const caller = webDef({ name: 'checkout', team: 'shop', dependsOn: [vault] });
  const bystander = workerDef({ name: 'mailer', team: 'shop' });
  const rendered = renderFleet({ apps: [sourced(caller), sourced(vault), sourced(bystander)], environments: [ENV] });
  const graph = new NetworkGraph(rendered.flatMap((r) => r.manifests));

  test('gives its callers an https:// address beside host:port', () => {
    const env = rendered.find((r) => r.app.name === 'checkout')!.app.env;
    expect(env).toContainEqual({ name: 'VAULT_URL', value: 'https://vault.pay.svc.cluster.local:8080' });
    expect(env).toContainEqual({ name: 'VAULT_ADDR', value: 'vault.pay.svc.cluster.local:8080' });
  });

  test('admits its declared caller on the TLS port, and nobody else', () => {
    expect(graph).toAllow('shop/checkout', 'pay/vault', 8080);
    expect(graph).not.toAllow('shop/mailer', 'pay/vault', 8080);
    expect(graph).not.toAllow('shop/checkout', 'pay/vault', 9090);
  });

  test('reaches nothing but DNS', () => {
    expect(graph).not.toAllow('pay/vault', 'shop/checkout', 8080);
    expect(graph).not.toAllow('pay/vault', 'shop/mailer', 8080);
  });
});

describe('the Argo CD objects of a team with a hardened app', () => {
  const gitops = { repoURL: 'https://github.com/acme/deploy.git', targetRevision: 'main', path: 'dist' };
  const teamObject = (env: Environment, kind: 'Application' | 'AppProject'): Untyped => {
    const rendered = renderFleet({ apps: [sourced(vault)], environments: [env], gitops });
    const files = renderPlatform(rendered, [resolvedEnvironment(env, gitops)]);
    return find(
      files.flatMap((f) => f.manifests),
      kind,
      `${env.name}-pay`,
    );
  };

  test('in production: no automated sync without a sync window', () => {
    expect(teamObject(ENV, 'Application').spec.syncPolicy).not.toHaveProperty('automated');
    expect(teamObject(ENV, 'AppProject').spec).not.toHaveProperty('syncWindows');
  });

  test('in production with a sync window: automated, inside an allow window on the AppProject', () => {
    const env = testEnvironment({ hardening: { ...ENV.hardening, syncWindow: { schedule: '0 9 * * 1-4', duration: '2h' } } });
    expect(teamObject(env, 'Application').spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(teamObject(env, 'AppProject').spec.syncWindows).toEqual([
      { kind: 'allow', schedule: '0 9 * * 1-4', duration: '2h', timeZone: 'Etc/UTC', applications: ['prod-pay'], manualSync: true },
    ]);
  });

  test('outside production: automated as usual', () => {
    const env = testEnvironment({ name: 'dev', hardening: ENV.hardening });
    expect(teamObject(env, 'Application').spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
  });
});

test('the output of a hardened app passes schema validation and the whole policy pack', () => {
  const report = runChecks(
    [
      {
        app: { name: 'vault', team: 'pay', environment: 'prod', source: 'apps/pay/vault.ts', hardening: { dataClass: 'pci' } },
        manifests: synthApp(vault, ENV),
      },
    ],
    {
      now: new Date('2025-06-15T12:00:00Z'),
      productionEnvironments: [],
    },
  );
  expect(report.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  expect(report.passed).toBe(true);
});

test('a hardened app made public (with a waiver) tells the ingress controller to speak HTTPS to it', () => {
  const ingress = find(synthApp({ ...vault, expose: { kind: 'public', host: 'vault' } } as never, ENV), 'Ingress', 'vault');
  expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
  expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'vault', port: { name: 'https' } } });
});
