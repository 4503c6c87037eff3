import { applyHazardRisks } from './apply-hazards';
import { capacityRisks } from './capacity';
import { deletionRisks } from './deletions';
import { disruptionRisks } from './disruption';
import { escapeHatchRisks } from './escape-hatch';
import { exposureRisks } from './exposure';
import { hardeningRisks } from './hardening';
import { privilegeRisks } from './privilege';
import { RISK_FAMILIES, ReviewInput, RiskFlag } from './risk-flag';

/** Every risk check, one per family. */
const CHECKS: readonly ((input: ReviewInput) => RiskFlag[])[] = [
  hardeningRisks,
  exposureRisks,
  privilegeRisks,
  escapeHatchRisks,
  capacityRisks,
  disruptionRisks,
  applyHazardRisks,
  deletionRisks,
];

/** Runs every check; flags come by family, then environment (in the diff's order), app and object. */
export function assessRisks(input: ReviewInput): RiskFlag[] {
  const flags = CHECKS.flatMap((check) => check(input));
  const family = new Map(RISK_FAMILIES.map((f, i) => [f.family, i]));
  const env = new Map(input.diff.environments.map((e, i) => [e, i]));
  const order = new Map(input.diff.objects.map((d, i) => [`${d.environment}\u0000${d.id}`, i]));
  const rank = (f: RiskFlag) => [family.get(f.family)!, env.get(f.environment) ?? -1, order.get(`${f.environment}\u0000${f.object ?? ''}`) ?? -1];
  return flags
    .map((flag, i) => ({ flag, key: [...rank(flag), i] }))
    .sort((a, b) => a.key.reduce((acc, v, i) => acc || v - b.key[i], 0))
    .map((x) => x.flag);
}
