import { resolve, testEnvironment, webDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

describe('resolveApp: pod and ServiceAccount metadata', () => {
  test('takes pod labels and annotations and ServiceAccount annotations, sorted', () => {
    const app = resolve(
      webDef({
        pod: { labels: { 'acme.dev/cost-center': 'shop-42' }, annotations: { 'sidecar.istio.io/inject': 'true', 'linkerd.io/inject': 'enabled' } },
        serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': 'checkout@acme-prod.iam.gserviceaccount.com' } },
      }),
    );
    expect(app.pod).toEqual({
      labels: { 'acme.dev/cost-center': 'shop-42' },
      annotations: { 'linkerd.io/inject': 'enabled', 'sidecar.istio.io/inject': 'true' },
    });
    expect(Object.keys(app.pod.annotations)).toEqual(['linkerd.io/inject', 'sidecar.istio.io/inject']);
    expect(app.serviceAccountAnnotations).toEqual({ 'iam.gke.io/gcp-service-account': 'checkout@acme-prod.iam.gserviceaccount.com' });
  });

  test('has none by default', () => {
    const app = resolve(webDef());
    expect([app.pod, app.serviceAccountAnnotations]).toEqual([{ labels: {}, annotations: {} }, {}]);
  });

  test.each([
    ['container.apparmor.security.beta.kubernetes.io/checkout', 'unconfined', 'without AppArmor confinement'],
    ['seccomp.security.alpha.kubernetes.io/pod', 'runtime/default', 'the removed seccomp annotation'],
    ['cluster-autoscaler.kubernetes.io/safe-to-evict', 'false', 'blocks node drains'],
    ['platform.golden-path.dev/waivers', '[]', 'a key the platform writes'],
  ])('rejects the pod annotation %s: %s', (key, value, message) => {
    expectOnlyProblem(() => resolve(webDef({ pod: { annotations: { [key]: value } } })), {
      code: 'E_ANNOTATION_FORBIDDEN',
      field: `pod.annotations.${key}`,
      value,
      message,
      fix: 'remove it',
    });
  });

  test('allows AppArmor runtime/default and localhost profiles', () => {
    const annotations = { 'container.apparmor.security.beta.kubernetes.io/checkout': 'runtime/default' };
    expect(resolve(webDef({ pod: { annotations } })).pod.annotations).toEqual(annotations);
  });

  test("rejects the platform's labels and the environment's extra labels", () => {
    expectOnlyProblem(() => resolve(webDef({ pod: { labels: { 'app.kubernetes.io/name': 'other' } } })), {
      code: 'E_POD_LABEL_RESERVED',
      field: 'pod.labels.app.kubernetes.io/name',
      value: 'other',
      message: "is one of the platform's own labels",
      fix: 'use a key of your own',
    });
    expectOnlyProblem(() => resolve(webDef({ pod: { labels: { tier: 'gold' } } }), testEnvironment({ labels: { tier: 'production' } })), {
      code: 'E_POD_LABEL_RESERVED',
      field: 'pod.labels.tier',
      value: 'gold',
      fix: 'use a key of your own',
    });
  });

  test('rejects a key or a label value Kubernetes would refuse', () => {
    expectOnlyProblem(() => resolve(webDef({ serviceAccount: { annotations: { 'Bad Key': 'x' } } })), {
      code: 'E_METADATA_KEY',
      field: 'serviceAccount.annotations.Bad Key',
      value: 'Bad Key',
      message: 'is not a Kubernetes key',
      fix: "e.g. 'sidecar.istio.io/inject'",
    });
    expectOnlyProblem(() => resolve(webDef({ pod: { labels: { 'acme.dev/owner': 'a b' } } })), {
      code: 'E_METADATA_VALUE',
      field: 'pod.labels.acme.dev/owner',
      value: 'a b',
      message: 'must be a label value',
      fix: "e.g. 'v2'",
    });
  });
});
