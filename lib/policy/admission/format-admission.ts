import { Rule } from '../rule';
import { celRules, SynthOnlyRule, synthOnlyRules } from './admission-rules';

/** Which rules of a pack also run at admission, and which stay at synth with why: for the check report. */
export interface AdmissionCoverage {
  readonly admission: readonly string[];
  readonly synthOnly: readonly SynthOnlyRule[];
}

export function admissionCoverage(pack: readonly Rule[]): AdmissionCoverage {
  return { admission: celRules(pack).map((r) => r.rule.id), synthOnly: synthOnlyRules(pack) };
}

/** The coverage as the text report prints it, after the verdict. */
export function formatAdmissionCoverage(coverage: AdmissionCoverage): string {
  const width = Math.max(...coverage.synthOnly.map((r) => r.id.length));
  return [
    `Admission: ${coverage.admission.length} rules also run in the cluster (dist/<env>/_platform/); ${coverage.synthOnly.length} run only at synth and in 'platform check':`,
    ...coverage.synthOnly.map((r) => `  ${r.id.padEnd(width)}  ${r.reason}`),
    '',
  ].join('\n');
}
