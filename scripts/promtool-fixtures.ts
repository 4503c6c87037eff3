import { AppDefinition } from '../lib/model/app-definition';
import { Environment } from '../lib/model/environment';

/**
 * Apps whose generated rules the promtool unit tests (test/monitoring/promtool/*.promtool.yaml)
 * run against. promtool-rules.ts writes each app's rule groups to `<file>`; the tests name the
 * same file in `rule_files`, and their input series carry these apps' job and namespace. Kept in
 * scripts/ (not test/) because the script needs them and scripts never import tests.
 */
export interface PromtoolFixture {
  readonly file: string;
  readonly definition: AppDefinition;
}

export const PROMTOOL_ENVIRONMENT: Environment = { name: 'prod', cluster: 'prod-test', domain: 'test.example' };

export const PROMTOOL_FIXTURES: readonly PromtoolFixture[] = [
  {
    // HTTP conventions; budgets 0.1% (availability) and 1% (latency).
    file: 'checkout.rules.yaml',
    definition: {
      kind: 'web-service',
      name: 'checkout',
      team: 'shop',
      image: 'ghcr.io/acme/checkout:1.2.3',
      metricsPort: 9090,
      slo: { availability: 99.9, latency: { threshold: '300ms', objective: 99 } },
    },
  },
  {
    // gRPC conventions: checked by `promtool check rules` only.
    file: 'payments.rules.yaml',
    definition: {
      kind: 'web-service',
      name: 'payments',
      team: 'payments',
      image: 'ghcr.io/acme/payments:3.2.0',
      protocol: 'grpc',
      port: 50051,
      metricsPort: 9090,
      slo: { availability: 99.95, latency: { threshold: '1s', objective: 99.5 }, metrics: { selector: { grpc_type: 'unary' } } },
    },
  },
  {
    // A worker naming its own metrics: checked by `promtool check rules` only.
    file: 'ledger.rules.yaml',
    definition: {
      kind: 'worker',
      name: 'ledger',
      team: 'payments',
      image: 'ghcr.io/acme/ledger:1.0.0',
      health: { kind: 'exec', command: ['/app/health'] },
      metricsPort: 9090,
      slo: { availability: 99.5, metrics: { requests: 'ledger_events_processed_total', codeLabel: 'outcome', errorCodes: 'failed|dead_lettered' } },
    },
  },
];
