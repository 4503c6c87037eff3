import { resolveEnvironment } from '../../lib/environments/resolve-environment';
import { Problems, ValidationError } from '../../lib/internal/errors';
import { DnsPeer } from '../../lib/model/environment-dns';
import { Replicas } from '../../lib/model/replicas';
import { expectError, resolve, resolvedEnvironment, testEnvironment, webDef } from '../helpers';

const REPO = 'https://git.example/acme/deploy.git';

describe('resolveEnvironment: defaults', () => {
  const env = resolvedEnvironment(testEnvironment({ name: 'staging', cluster: 'staging-1', domain: 'staging.acme.dev' }));

  test('keeps name, cluster and domain, and serves production only in prod or production', () => {
    expect([env.name, env.cluster, env.domain, env.production]).toEqual(['staging', 'staging-1', 'staging.acme.dev', false]);
    expect(resolvedEnvironment(testEnvironment({ name: 'prod' })).production).toBe(true);
    expect(resolvedEnvironment(testEnvironment({ name: 'production' })).production).toBe(true);
  });

  test('gives the profile every platform default, each marked platform', () => {
    expect(env.namespacePattern).toEqual({ value: '{team}', origin: 'platform' });
    expect(env.profile.webServiceReplicas).toEqual({ value: { kind: 'fixed', count: 1 }, origin: 'platform' });
    expect(env.profile.workerReplicas).toEqual({ value: { kind: 'fixed', count: 1 }, origin: 'platform' });
    expect(env.profile.maxUnavailable).toEqual({ value: 1, origin: 'platform' });
    expect(env.profile.logLevel).toEqual({ value: 'info', origin: 'platform' });
    expect(env.profile.imagePullPolicy).toEqual({ value: 'IfNotPresent', origin: 'platform' });
    expect(env.profile.resources).toEqual({
      cpu: { value: '100m', origin: 'platform' },
      memory: { value: '128Mi', origin: 'platform' },
      ephemeralStorage: { value: '64Mi', origin: 'platform' },
      ephemeralStorageLimit: { value: '1Gi', origin: 'platform' },
    });
  });

  test('places data stores outside the cluster, and sets the in-cluster store pod', () => {
    expect(env.profile.dataStores).toEqual({
      placement: { value: 'external', origin: 'platform' },
      storage: '1Gi',
      replicas: 1,
      imagePullPolicy: 'IfNotPresent',
      accessMode: 'ReadWriteOnce',
      maxUnavailable: 1,
      ephemeralStorage: '64Mi',
      ephemeralStorageLimit: '1Gi',
      scratchSize: '64Mi',
      gracePeriodSeconds: 30,
      probeTimeoutSeconds: 2,
      readiness: { periodSeconds: 5, failureThreshold: 3 },
      liveness: { periodSeconds: 10, failureThreshold: 6 },
      startup: { periodSeconds: 5, failureThreshold: 24 },
    });
  });

  test('sets quota, secrets, ingress, monitoring and DNS', () => {
    expect(env.quota).toEqual({ requestsCpu: '20', requestsMemory: '40Gi', limitsMemory: '40Gi', requestsEphemeralStorage: '50Gi', pods: 200 });
    expect(env.labels).toEqual({});
    expect(env.annotations).toEqual({});
    expect(env.secrets).toEqual({
      store: { value: { kind: 'ClusterSecretStore', name: 'platform' }, origin: 'platform' },
      refreshInterval: { value: '1h', origin: 'platform' },
      rollout: { value: 'none', origin: 'platform' },
    });
    expect(env.ingress).toEqual({
      mode: 'ingress',
      modeOrigin: 'platform',
      className: { value: 'nginx', origin: 'platform' },
      clusterIssuer: { value: 'letsencrypt', origin: 'platform' },
      sourceNamespace: { value: 'ingress-nginx', origin: 'platform' },
    });
    expect(env.monitoring.scrapeInterval).toEqual({ value: '30s', origin: 'platform' });
    expect(env.monitoring.runbookUrl).toEqual({ value: 'https://runbooks.{domain}/golden-path/{alert}', origin: 'platform' });
    expect(env.dns).toEqual({ peers: [{ kind: 'pods', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }], port: 53 });
  });

  test('without a gitops export: no Argo CD, the guard at 25%', () => {
    expect(env.gitops).toEqual({ maxDropShare: 0.25 });
  });

  test('with a gitops export: every Argo CD default, sync policy included', () => {
    expect(resolvedEnvironment(testEnvironment(), { repoURL: REPO }).gitops).toEqual({
      maxDropShare: 0.25,
      argocd: {
        repoURL: REPO,
        targetRevision: 'main',
        path: 'dist',
        namespace: 'argocd',
        project: 'default',
        syncPolicy: {
          prune: true,
          selfHeal: true,
          finalizer: true,
          syncOptions: ['PrunePropagationPolicy=foreground', 'PruneLast=true'],
          retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
        },
      },
    });
  });
});

describe('resolveEnvironment: overrides', () => {
  const env = resolvedEnvironment(
    testEnvironment({
      name: 'prod',
      production: false,
      namespacePattern: '{team}-{env}',
      profile: {
        webServiceReplicas: Replicas.autoscale({ min: 3, max: 10 }),
        resources: { cpu: '250m', memoryLimit: '1Gi' },
        maxUnavailable: 2,
        logLevel: 'warn',
        imagePullPolicy: 'Always',
        dataStores: 'in-cluster',
        quota: { pods: 50 },
      },
      labels: { tier: 'production' },
      secretRollout: 'reloader',
      ingress: { mode: 'gateway', gateway: { name: 'public', namespace: 'gateway', sectionName: 'https' } },
      monitoring: { scrapeInterval: '15s' },
      dns: { peers: [DnsPeer.cidr('169.254.20.10/32'), DnsPeer.kubeDns()], port: 5353 },
    }),
    {
      repoURL: REPO,
      targetRevision: 'release',
      maxDropShare: 0.5,
      syncPolicy: { selfHeal: false, retry: { limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '1m' } } },
    },
  );

  test("takes each of the environment's settings, marked environment", () => {
    expect(env.production).toBe(false);
    expect(env.namespacePattern).toEqual({ value: '{team}-{env}', origin: 'environment' });
    expect(env.profile.webServiceReplicas).toEqual({ value: { kind: 'autoscale', min: 3, max: 10 }, origin: 'environment' });
    expect(env.profile.workerReplicas.origin).toBe('platform');
    expect(env.profile.resources.cpu).toEqual({ value: '250m', origin: 'environment' });
    expect(env.profile.resources.memory).toEqual({ value: '128Mi', origin: 'platform' });
    expect(env.profile.resources.memoryLimit).toEqual({ value: '1Gi', origin: 'environment' });
    expect(env.profile.resources).not.toHaveProperty('cpuLimit');
    expect(env.profile.maxUnavailable).toEqual({ value: 2, origin: 'environment' });
    expect(env.profile.logLevel).toEqual({ value: 'warn', origin: 'environment' });
    expect(env.profile.imagePullPolicy).toEqual({ value: 'Always', origin: 'environment' });
    expect(env.profile.dataStores.placement).toEqual({ value: 'in-cluster', origin: 'environment' });
    expect(env.quota).toEqual({ requestsCpu: '20', requestsMemory: '40Gi', limitsMemory: '40Gi', requestsEphemeralStorage: '50Gi', pods: 50 });
    expect(env.labels).toEqual({ tier: 'production' });
    expect(env.secrets.rollout).toEqual({ value: 'reloader', origin: 'environment' });
    expect(env.monitoring.scrapeInterval).toEqual({ value: '15s', origin: 'environment' });
  });

  test('routes through the Gateway, its proxies in its namespace', () => {
    expect(env.ingress).toEqual({
      mode: 'gateway',
      modeOrigin: 'environment',
      gateway: { name: 'public', namespace: 'gateway', sectionName: 'https' },
      sourceNamespace: { value: 'gateway', origin: 'environment' },
    });
  });

  test('lets pods reach NodeLocal DNSCache and kube-dns on the port it names', () => {
    expect(env.dns).toEqual({
      peers: [
        { kind: 'cidr', cidr: '169.254.20.10/32' },
        { kind: 'pods', namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
      ],
      port: 5353,
    });
  });

  test('takes GitOps settings over the defaults, field by field', () => {
    expect(env.gitops.maxDropShare).toBe(0.5);
    expect(env.gitops.argocd).toMatchObject({ targetRevision: 'release', path: 'dist' });
    expect(env.gitops.argocd!.syncPolicy).toEqual({
      prune: true,
      selfHeal: false,
      finalizer: true,
      syncOptions: ['PrunePropagationPolicy=foreground', 'PruneLast=true'],
      retry: { limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '1m' } },
    });
  });

  test('records the layer of every value', () => {
    expect(env.provenance).toMatchObject({
      production: 'environment',
      namespacePattern: 'environment',
      'profile.logLevel': 'environment',
      'profile.workerReplicas': 'platform',
      'profile.quota.pods': 'environment',
      'profile.quota.requestsCpu': 'platform',
      'profile.dataStores.inCluster.replicas': 'platform',
      secretStore: 'platform',
      'dns.peers': 'environment',
      'gitops.maxDropShare': 'environment',
      'gitops.syncPolicy.selfHeal': 'environment',
      'gitops.syncPolicy.prune': 'platform',
    });
    expect(env.settings['profile.logLevel']).toBe('warn');
    expect(env.settings['gitops.syncPolicy.retry']).toEqual({ limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '1m' } });
  });

  test("gives apps the environment's values with the environment's layer", () => {
    const app = resolve(webDef(), testEnvironment({ profile: { logLevel: 'warn' } }));
    expect(app.env).toContainEqual({ name: 'LOG_LEVEL', value: 'warn' });
    expect(app.provenance['env.LOG_LEVEL']).toBe('environment');
    expect(resolve(webDef()).provenance['env.LOG_LEVEL']).toBe('platform');
  });
});

describe('resolveEnvironment: bad input', () => {
  test('reports every problem at once, against apps/environments.ts, with code, field, value and fix', () => {
    const error = expectError<ValidationError>(() =>
      resolvedEnvironment(
        testEnvironment({
          profile: { logLevel: 'loud' as never, quota: { pods: 0 } },
          production: 'yes' as never,
          dns: { peers: [DnsPeer.cidr('169.254.20.10')], port: 0 },
        }),
        { repoURL: REPO, syncPolicy: { syncOptions: ['prune last'], retry: { limit: -1, backoff: { duration: '10 seconds', factor: 2, maxDuration: '3m' } } } },
      ),
    );
    expect(error.problems.map((p) => `${p.code} ${p.field}`)).toEqual([
      'E_GITOPS gitops.syncPolicy.syncOptions',
      'E_GITOPS gitops.syncPolicy.retry',
      'E_PROFILE profile.logLevel',
      'E_QUOTA profile.quota.pods',
      'E_ENVIRONMENT production',
      'E_DNS dns.port',
      'E_DNS dns.peers[0].cidr',
    ]);
    expect(error.problems.every((p) => p.source === 'apps/environments.ts')).toBe(true);
    expect(error.message).toContain(
      "apps/environments.ts: environment 'prod': 'dns.peers[0].cidr' is not an IPv4 CIDR block (got \"169.254.20.10\"). Fix: e.g. '169.254.20.10/32' for NodeLocal DNSCache [E_DNS]",
    );
  });

  test('fails on an empty list of DNS peers: no pod could resolve a name', () => {
    const error = expectError<ValidationError>(() => resolvedEnvironment(testEnvironment({ dns: { peers: [] } })));
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'E_DNS',
        field: 'dns.peers',
        value: [],
        message: 'must be a non-empty list of DNS peers (without one, no pod can resolve a name)',
      }),
    ]);
  });

  test('fails on a DNS peer of unknown kind, and on pods without labels', () => {
    const problems = new Problems();
    resolveEnvironment(testEnvironment({ dns: { peers: [{ kind: 'service' } as never, DnsPeer.pods('kube-system', {})] } }), problems);
    expect(problems.all.map((p) => `${p.code} ${p.field} ${p.message}`)).toEqual([
      "E_DNS dns.peers[0].kind must be 'pods' or 'cidr'",
      'E_DNS dns.peers[1].podLabels must be a non-empty record of label values',
    ]);
  });

  test('fails on a maxDropShare above 1 and on a sync flag that is not a boolean', () => {
    const error = expectError<ValidationError>(() =>
      resolvedEnvironment(testEnvironment(), { repoURL: REPO, maxDropShare: 2, syncPolicy: { prune: 'yes' as never } }),
    );
    expect(error.problems.map((p) => `${p.code} ${p.field} ${JSON.stringify(p.value)}`)).toEqual([
      'E_GITOPS gitops.maxDropShare 2',
      'E_GITOPS gitops.syncPolicy.prune "yes"',
    ]);
  });

  test('fails on a bad quota quantity, once for the environment', () => {
    const error = expectError<ValidationError>(() => resolvedEnvironment(testEnvironment({ profile: { quota: { requestsMemory: '40 gigs' } } })));
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'E_QUANTITY',
        field: 'profile.quota.requestsMemory',
        value: '40 gigs',
        source: 'apps/environments.ts',
        environment: 'prod',
      }),
    ]);
  });
});

describe('resolveEnvironment: Kubernetes version and pod features', () => {
  test('defaults to 1.28: no native sidecars, no preStop sleep action', () => {
    expect(resolvedEnvironment(testEnvironment()).kubernetes).toEqual({
      version: { value: '1.28', origin: 'platform' },
      nativeSidecars: false,
      preStopSleep: false,
    });
  });

  test.each([
    ['1.29', true, false],
    ['1.30', true, true],
    ['1.31', true, true],
  ])('on %s: native sidecars %s, sleep action %s', (version, nativeSidecars, preStopSleep) => {
    expect(resolvedEnvironment(testEnvironment({ kubernetesVersion: version })).kubernetes).toEqual({
      version: { value: version, origin: 'environment' },
      nativeSidecars,
      preStopSleep,
    });
  });

  test.each(['1.27', 'v1.30', '1.30.2', '2.0'])('fails on %s with a located error', (version) => {
    const error = expectError<ValidationError>(() => resolvedEnvironment(testEnvironment({ kubernetesVersion: version })));
    expect(error.problems).toEqual([
      {
        source: 'apps/environments.ts',
        environment: 'prod',
        code: 'E_KUBERNETES_VERSION',
        field: 'kubernetesVersion',
        value: version,
        message: "must be a Kubernetes minor '1.<n>' of at least 1.28 (the oldest the platform supports)",
        fix: "e.g. '1.28', or leave it out",
      },
    ]);
  });

  test('gives sidecars and init containers a profile smaller than an app’s', () => {
    expect(resolvedEnvironment(testEnvironment()).profile.sidecarResources).toEqual({
      cpu: '50m',
      memory: '64Mi',
      ephemeralStorage: '32Mi',
      ephemeralStorageLimit: '256Mi',
    });
  });

  test('pulls Always in a production environment unless its profile says otherwise', () => {
    expect(resolvedEnvironment(testEnvironment({ name: 'prod' })).profile.imagePullPolicy).toEqual({ value: 'Always', origin: 'platform' });
    expect(resolvedEnvironment(testEnvironment({ name: 'prod', profile: { imagePullPolicy: 'IfNotPresent' } })).profile.imagePullPolicy).toEqual({
      value: 'IfNotPresent',
      origin: 'environment',
    });
  });
});
