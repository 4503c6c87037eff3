import { Problems } from '../../lib/internal/errors';
import { Environment } from '../../lib/model/environment';
import { vapApiVersion } from '../../lib/environments/resolve-admission';
import { resolveEnvironment } from '../../lib/environments/resolve-environment';
import { testEnvironment } from '../helpers';

function resolved(admission: Environment['admission']) {
  const problems = new Problems();
  const env = resolveEnvironment(testEnvironment({ admission }), problems);
  return {
    admission: env.admission,
    provenance: env.provenance,
    problems: problems.all.map(({ code, source, environment, field, value, message, fix }) => ({ code, source, environment, field, value, message, fix })),
  };
}

describe('admission settings', () => {
  test("default to Kyverno in audit, exceptions in 'kyverno', from the platform", () => {
    const { admission, provenance, problems } = resolved(undefined);
    expect(problems).toEqual([]);
    expect(admission.engine).toEqual({ value: 'kyverno', origin: 'platform' });
    expect(admission.action).toEqual({ value: 'audit', origin: 'platform' });
    expect(admission.exceptionNamespace).toEqual({ value: 'kyverno', origin: 'platform' });
    expect(provenance['admission.action']).toBe('platform');
  });

  test("take the environment's action, remembering that it set it", () => {
    const { admission, provenance } = resolved({ action: 'deny' });
    expect(admission.action).toEqual({ value: 'deny', origin: 'environment' });
    expect(provenance['admission.action']).toBe('environment');
  });

  test('refuse native policies on Kubernetes 1.28 unless the environment declares the feature gate on', () => {
    expect(resolved({ engine: 'vap' }).problems).toEqual([
      {
        code: 'E_ADMISSION_VAP',
        source: 'apps/environments.ts',
        environment: 'prod',
        field: 'admission.engine',
        value: 'vap',
        message: 'Kubernetes 1.28 serves ValidatingAdmissionPolicy only as v1beta1 behind the ValidatingAdmissionPolicy feature gate, which is off by default',
        fix: "use engine 'kyverno', or turn the gate and admissionregistration.k8s.io/v1beta1 on in the API server and set admission.vapFeatureGate: true",
      },
    ]);
    const gated = resolved({ engine: 'vap', vapFeatureGate: true });
    expect(gated.problems).toEqual([]);
    expect(gated.admission.vapApiVersion).toBe('admissionregistration.k8s.io/v1beta1');
  });

  test('name a bad engine, action and exception namespace, all at once', () => {
    expect(
      resolved({ engine: 'opa' as never, action: 'block' as never, exceptionNamespace: 'Kyverno' }).problems.map(
        (p) => `${p.code} ${p.field} ${String(p.value)}`,
      ),
    ).toEqual(['E_ADMISSION admission.engine opa', 'E_ADMISSION admission.action block', 'E_ADMISSION admission.exceptionNamespace Kyverno']);
  });
});

describe('the ValidatingAdmissionPolicy API of a Kubernetes version', () => {
  test.each([
    ['1.30', false, { apiVersion: 'admissionregistration.k8s.io/v1' }],
    ['1.31', true, { apiVersion: 'admissionregistration.k8s.io/v1' }],
    ['1.29', true, { apiVersion: 'admissionregistration.k8s.io/v1beta1' }],
    ['1.28', true, { apiVersion: 'admissionregistration.k8s.io/v1beta1' }],
  ])('%s with the gate %s: %o', (version, gate, expected) => {
    expect(vapApiVersion(version, gate)).toEqual(expected);
  });

  test.each([
    ['1.29', false],
    ['1.27', true],
  ])('%s with the gate %s: none', (version, gate) => {
    expect(vapApiVersion(version, gate)).toHaveProperty('problem');
  });
});
