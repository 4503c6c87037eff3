import { CelInput, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { POD_KINDS, POD_VARIABLES } from '../../../lib/policy/admission/pod-variables';
import { AdmissionKind, ObjectRule, RuleCel } from '../../../lib/policy/rule';

/**
 * The CEL of the admission policies, evaluated offline as the API server (or Kyverno) would: JSON
 * objects become CEL maps, whole numbers become ints (Kubernetes reads integer fields as int), the
 * strings extension is on (Kubernetes enables it), variables are computed in order.
 */
export function toCel(value: unknown): CelInput {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  return value as CelInput;
}

/** Evaluates one CEL expression; throws with the expression when it errors or is not a boolean. */
export function evaluate(expression: string, bindings: Record<string, CelInput>): unknown {
  const result = run(expression, bindings, { funcs: strings });
  if (result instanceof Error) throw new Error(`CEL error in ${expression}: ${result.message}`);
  return result;
}

/** Whether a policy built from the rule's CEL looks at objects of this kind at all. */
export function matchesKind(cel: RuleCel, object: { apiVersion: string; kind: string }): boolean {
  const kinds: readonly AdmissionKind[] = [...POD_KINDS, ...(cel.alsoMatches ?? [])];
  return kinds.some((k) => k.kind === object.kind && (k.group === '' ? k.version : `${k.group}/${k.version}`) === object.apiVersion);
}

/** The verdict of the rule's CEL on one object: true when it complies. */
export function celAdmits(cel: RuleCel, object: unknown): boolean {
  const o = toCel(object);
  const variables = new Map<string, CelInput>();
  const isPodKind = POD_KINDS.some((k) => k.kind === (object as { kind: string }).kind);
  // Variables are lazy in the API server; only pod kinds read them, so only they compute them here.
  if (isPodKind) for (const v of POD_VARIABLES) variables.set(v.name, evaluate(v.expression, { object: o, variables }) as CelInput);
  const result = evaluate(cel.expression, { object: o, variables });
  if (typeof result !== 'boolean') throw new Error(`CEL ${cel.expression} returned ${String(result)}, not a boolean`);
  return result;
}

/** The rule's CEL, or undefined for synth-only rules. */
export function celOf(rule: ObjectRule): RuleCel | undefined {
  return rule.admission && 'cel' in rule.admission ? rule.admission.cel : undefined;
}

interface PolicySpec {
  readonly variables?: readonly { readonly name: string; readonly expression: string }[];
  readonly validations: readonly { readonly expression: string }[];
}

/** A written policy's verdict on one object: its variables in order, then every validation (true when all pass). */
export function policyAdmits(spec: PolicySpec, object: unknown): boolean {
  const o = toCel(object);
  const variables = new Map<string, CelInput>();
  // Variables are lazy in the cluster: one that cannot be computed (a ServiceAccount has no pod
  // spec) is an error only if a validation reads it, which then fails here as 'no such key'.
  for (const v of spec.variables ?? []) {
    const value = run(v.expression, { object: o, variables }, { funcs: strings });
    if (!(value instanceof Error)) variables.set(v.name, value);
  }
  return spec.validations.every((v) => evaluate(v.expression, { object: o, variables }) === true);
}

/** Whether every match condition of a written PolicyException holds for the object. */
export function exceptionMatches(spec: { readonly matchConditions: readonly { readonly expression: string }[] }, object: unknown): boolean {
  const o = toCel(object);
  return spec.matchConditions.every((c) => evaluate(c.expression, { object: o }) === true);
}
