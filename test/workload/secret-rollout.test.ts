import { Secret } from '../../lib/model/secret';
import { ANNOTATION } from '../../lib/internal/labels';
import { find, synthApp, taskDef, testEnvironment, webDef, workerDef } from '../helpers';
import { resolvedScheduledTask, resolvedWebService } from '../fixtures/resolved-app';

const DB = Secret.ref('shop/checkout/db', 'password');
const TLS = Secret.ref('shop/checkout/tls');
const RELOADER = testEnvironment({ secretRollout: 'reloader' });
const RELOADER_SECRET_ANNOTATION = ANNOTATION.reloaderSecret;

describe('secret rollout', () => {
  test('is off unless the environment runs Reloader, and explain says which layer decided', () => {
    const app = resolvedWebService({ secrets: { DB_PASSWORD: DB } });
    expect([app.secrets?.reloadOnChange, app.provenance.secretRollout]).toEqual([false, 'platform']);
    expect(find(synthApp(webDef({ secrets: { DB_PASSWORD: DB } })), 'Deployment', 'checkout').metadata.annotations).not.toHaveProperty(
      RELOADER_SECRET_ANNOTATION,
    );
    const reloaded = resolvedWebService({ secrets: { DB_PASSWORD: DB } }, RELOADER);
    expect([reloaded.secrets?.reloadOnChange, reloaded.provenance.secretRollout, reloaded.settings.secretRollout]).toEqual([true, 'environment', 'reloader']);
  });

  test("with Reloader, a Deployment reading secret env vars names the app's Secret for Reloader to watch", () => {
    for (const [def, name] of [
      [webDef({ secrets: { DB_PASSWORD: DB } }), 'checkout'],
      [workerDef({ secrets: { DB_PASSWORD: DB } }), 'mailer'],
    ] as const) {
      const deployment = find(synthApp(def, RELOADER), 'Deployment', name);
      expect(deployment.metadata.annotations[RELOADER_SECRET_ANNOTATION]).toBe(`${name}-secrets`);
      // On the Deployment only: an annotation on the pod template would itself roll the pods.
      expect(deployment.spec.template.metadata.annotations ?? {}).not.toHaveProperty(RELOADER_SECRET_ANNOTATION);
    }
  });

  test('is decided in resolution: only a Deployment reading secret env vars, in an environment with Reloader, is reloaded', () => {
    expect(resolvedWebService({ secretFiles: { 'tls.crt': TLS } }, RELOADER).secrets?.reloadOnChange).toBe(false);
    expect(resolvedScheduledTask({ secrets: { DB_PASSWORD: DB } }, RELOADER).secrets?.reloadOnChange).toBe(false);
  });

  test('leaves apps alone whose secrets are only files (kubelet updates those in place) or that have none', () => {
    expect(find(synthApp(webDef({ secretFiles: { 'tls.crt': TLS } }), RELOADER), 'Deployment', 'checkout').metadata.annotations).not.toHaveProperty(
      RELOADER_SECRET_ANNOTATION,
    );
    expect(find(synthApp(webDef(), RELOADER), 'Deployment', 'checkout').metadata.annotations).not.toHaveProperty(RELOADER_SECRET_ANNOTATION);
  });

  test('leaves scheduled tasks alone: every run starts new pods, which read the current value', () => {
    const cronJob = find(synthApp(taskDef({ secrets: { DB_PASSWORD: DB } }), RELOADER), 'CronJob', 'report');
    expect(JSON.stringify(cronJob)).not.toContain('reloader');
  });
});
