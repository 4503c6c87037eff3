import { admissionCoverage, formatAdmissionCoverage } from '../../../lib/policy/admission/format-admission';
import { GOLDEN_PATH_PACK } from '../../../lib/policy/pack';

describe('the admission coverage of the check report', () => {
  const coverage = admissionCoverage(GOLDEN_PATH_PACK);

  test('lists the synth-only rules with the reason each cannot be CEL', () => {
    expect(coverage.admission).toHaveLength(26);
    expect(coverage.synthOnly).toHaveLength(32);
    expect(coverage.synthOnly).toContainEqual({ id: 'promql-valid', reason: 'parses PromQL, which CEL cannot' });
    expect(coverage.synthOnly).toContainEqual({ id: 'pdb-fits-hpa-minimum', reason: 'reads several objects (admission sees one object at a time)' });
    expect(coverage.synthOnly.map((r) => r.id)).not.toContain('pss-privileged');
  });

  test('prints one line per synth-only rule under a count', () => {
    const lines = formatAdmissionCoverage(coverage).split('\n');
    expect(lines[0]).toBe("Admission: 26 rules also run in the cluster (dist/<env>/_platform/); 32 run only at synth and in 'platform check':");
    expect(lines).toContain('  promql-valid                    parses PromQL, which CEL cannot');
  });
});
