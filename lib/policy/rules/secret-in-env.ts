import { looksSecret } from '../../internal/looks-secret';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const secretInEnv: ObjectRule = {
  id: 'secret-in-env',
  scope: 'object',
  severity: 'error',
  finding: 'an environment variable holds what looks like a literal secret',
  why: 'a literal in a manifest is committed to git, shown by kubectl describe and readable by anyone who can read the workload',
  fix: 'keep the secret in a Secret (from an ExternalSecret) and reference it with valueFrom.secretKeyRef',
  admission: { synthOnly: 'a heuristic (credential words split out of variable names, a pattern with a lookbehind that RE2 cannot run)' },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) =>
      (at.container.env ?? []).flatMap((env, i) => {
        const reason = looksSecret(env.name, env.value);
        return reason ? [{ field: `${at.path}.env[${i}].value`, message: `env var '${env.name}' of ${describeContainer(at)}: ${reason}` }] : [];
      }),
    ),
};
