import { App, Chart } from 'cdk8s';
import { PolicyException } from '../../../imports/policyexception-policies.kyverno.io';
import { ANNOTATION, LABEL, MANAGED_BY } from '../../internal/labels';
import { Manifest } from '../../manifest/manifest';
import { admissionPolicyName } from './admission-rules';
import { ADMISSION_ANNOTATION } from './admission-metadata';
import { ActiveWaiver, waivedObjectsCel, waiverEnd } from './admission-waivers';

/**
 * A waiver as a Kyverno PolicyException in the platform's exception namespace: it lifts one rule's
 * policy from exactly the waived app's objects (waivedObjectsCel), says why, who answers for it and
 * until when, and expires in the cluster at the end of the waiver's last day (expiresAt) even before
 * the next synth drops it.
 */
export function kyvernoException(environment: string, namespace: string, active: ActiveWaiver): Manifest {
  const { app, waiver } = active;
  const target = waiver.object ? `-${waiver.object.kind.toLowerCase()}${waiver.object.name !== undefined ? `-${waiver.object.name}` : ''}` : '';
  const name = `${app.namespace}-${app.name}-${waiver.rule}${target}`.slice(0, 253);
  const chart = new Chart(new App({ recordConstructMetadata: false }), name, { disableResourceNameHashes: true });
  new PolicyException(chart, name, {
    metadata: {
      name,
      namespace,
      labels: { [LABEL.managedBy]: MANAGED_BY, [LABEL.environment]: environment },
      annotations: {
        [ANNOTATION.syncWave]: '-1',
        [ADMISSION_ANNOTATION.rule]: waiver.rule,
        [ADMISSION_ANNOTATION.waiverReason]: waiver.reason,
        [ADMISSION_ANNOTATION.waiverOwner]: waiver.owner,
        [ADMISSION_ANNOTATION.waiverExpires]: waiver.expires,
        [ADMISSION_ANNOTATION.waiverSource]: app.source,
      },
    },
    spec: {
      policyRefs: [{ name: admissionPolicyName(waiver.rule), kind: 'ValidatingPolicy' }],
      matchConditions: [{ name: 'waived-app', expression: waivedObjectsCel(active) }],
    },
  });
  // The generated class types expiresAt as a Date, which cdk8s cannot render (nor a patch, which it
  // renders again): the RFC 3339 text goes on the rendered object.
  const [rendered] = chart.toJson() as [Manifest & { spec: Record<string, unknown> }];
  return { ...rendered, spec: { ...rendered.spec, expiresAt: waiverEnd(waiver) } };
}
