import { checkEnvironment } from '../../lib/environments/check-environment';
import { formatProblem, Problems } from '../../lib/internal/errors';
import { Environment } from '../../lib/model/environment';
import { testEnvironment } from '../helpers';

function problemsOf(overrides: Partial<Environment>): string[] {
  const problems = new Problems();
  checkEnvironment(testEnvironment(overrides), problems);
  return problems.all.map(formatProblem);
}

describe('checkEnvironment: labels and annotations the API server would reject', () => {
  test('accepts qualified keys and valid label values', () => {
    expect(problemsOf({ labels: { 'example.com/cost-center': 'cc-42', tier: 'gold' }, annotations: { 'example.com/owner': 'any text at all / ok' } })).toEqual(
      [],
    );
  });

  test('names each bad key and value at once, with the fix', () => {
    expect(
      problemsOf({
        labels: { 'Example.com/team': 'shop', 'cost center': 'x', tier: 'gold tier' },
        annotations: { [`example.com/${'a'.repeat(64)}`]: 'x' },
      }),
    ).toEqual([
      `apps/environments.ts: environment 'prod': 'labels.Example.com/team' is not a valid label key: it has a prefix 'Example.com' that is not a lowercase DNS subdomain (got "Example.com/team"). Fix: use '[dns.prefix/]name', e.g. 'example.com/cost-center' [E_METADATA_KEY]`,
      `apps/environments.ts: environment 'prod': 'labels.cost center' is not a valid label key: it has a name part that is not letters, digits, '-', '_' and '.', starting and ending with a letter or digit (got "cost center"). Fix: use '[dns.prefix/]name', e.g. 'example.com/cost-center' [E_METADATA_KEY]`,
      `apps/environments.ts: environment 'prod': 'labels.tier' is not a valid label value: at most 63 of letters, digits, '-', '_' and '.', starting and ending with a letter or digit (got "gold tier"). Fix: shorten it, or move it to annotations, which take any text [E_METADATA_VALUE]`,
      `apps/environments.ts: environment 'prod': 'annotations.example.com/${'a'.repeat(64)}' is not a valid annotation key: it has a name part of 64 characters (at most 63) (got "example.com/${'a'.repeat(64)}"). Fix: use '[dns.prefix/]name', e.g. 'example.com/cost-center' [E_METADATA_KEY]`,
    ]);
  });
});
