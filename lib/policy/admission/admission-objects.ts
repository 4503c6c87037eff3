import { Manifest } from '../../manifest/manifest';
import { ResolvedAdmission } from '../../model/resolved-environment';
import { Rule } from '../rule';
import { celRules } from './admission-rules';
import { activeWaivers, AdmissionApp } from './admission-waivers';
import { kyvernoException } from './kyverno-exception';
import { kyvernoPolicy } from './kyverno-policy';
import { nativeBindings, nativePolicy } from './native-policy';

/**
 * The admission objects of one environment, in the form it asks for: per CEL rule of `pack`, a
 * Kyverno ValidatingPolicy or a ValidatingAdmissionPolicy with its bindings, and the apps' waivers
 * that still hold at `now` as PolicyExceptions or binding exclusions. Nothing for engine 'none'.
 */
export function admissionObjects(
  env: { readonly name: string; readonly admission: ResolvedAdmission },
  apps: readonly AdmissionApp[],
  pack: readonly Rule[],
  now: Date,
): Manifest[] {
  const { admission } = env;
  const rules = celRules(pack);
  const waivers = activeWaivers(apps, env.name, new Set(rules.map((r) => r.rule.id)), now);
  switch (admission.engine.value) {
    case 'none':
      return [];
    case 'kyverno':
      return [
        ...rules.map((r) => kyvernoPolicy(env.name, r, admission.action.value)),
        ...waivers.map((w) => kyvernoException(env.name, admission.exceptionNamespace.value, w)),
      ];
    case 'vap':
      return rules.flatMap((r) => [
        nativePolicy(env.name, r, admission),
        ...nativeBindings(
          env.name,
          r,
          admission,
          waivers.filter((w) => w.waiver.rule === r.rule.id),
        ),
      ]);
  }
}
