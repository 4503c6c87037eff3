import { find, synthApp, taskDef, webDef, workerDef } from '../helpers';
import { appContainer, podTemplateOf } from './pod';

const workloads = [
  ['web service', () => synthApp(webDef()), 'Deployment', 'checkout'],
  ['worker', () => synthApp(workerDef()), 'Deployment', 'mailer'],
  ['scheduled task', () => synthApp(taskDef()), 'CronJob', 'report'],
] as const;

describe.each(workloads)('Pod Security "restricted" for a %s', (_kind, synth, objectKind, name) => {
  const manifests = synth();
  const pod = podTemplateOf(manifests, objectKind, name).spec;
  const container = appContainer(manifests, objectKind, name);

  test('runs the pod as non-root UID and GID 10001, with fsGroup 10001', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBe(10001);
    expect(pod.securityContext.runAsGroup).toBe(10001);
    expect(pod.securityContext.fsGroup).toBe(10001);
    expect(pod.securityContext.runAsUser).toBeGreaterThanOrEqual(10000);
  });

  test('uses the RuntimeDefault seccomp profile on the pod and the container', () => {
    expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(container.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('runs the container non-root as UID and GID 10001', () => {
    expect(container.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.runAsUser).toBe(10001);
    expect(container.securityContext.runAsGroup).toBe(10001);
  });

  test('forbids privilege escalation and privileged mode', () => {
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.securityContext.privileged).toBe(false);
  });

  test('drops every capability and adds none', () => {
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('mounts the root filesystem read-only, with an emptyDir at /tmp', () => {
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  test('mounts no ServiceAccount token, in the pod or on its ServiceAccount', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(name);
    expect(find(manifests, 'ServiceAccount', name).automountServiceAccountToken).toBe(false);
  });

  test('turns off Service links', () => {
    expect(pod.enableServiceLinks).toBe(false);
  });
});

describe('security opt-outs', () => {
  test('adds NET_BIND_SERVICE, and drops the rest, only with bindPrivilegedPorts', () => {
    const container = appContainer(synthApp(webDef({ port: 80, security: { bindPrivilegedPorts: true } })), 'Deployment', 'checkout');
    expect(container.securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
  });

  test('mounts the root filesystem writable only with writableRootFilesystem', () => {
    const manifests = synthApp(webDef({ security: { writableRootFilesystem: true } }));
    expect(appContainer(manifests, 'Deployment', 'checkout').securityContext.readOnlyRootFilesystem).toBe(false);
  });

  test('runs the pod and the container as the given UID', () => {
    const manifests = synthApp(workerDef({ security: { runAsUser: 20000 } }));
    const pod = podTemplateOf(manifests, 'Deployment', 'mailer').spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20000, fsGroup: 20000 });
    expect(appContainer(manifests, 'Deployment', 'mailer').securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20000 });
  });
});
