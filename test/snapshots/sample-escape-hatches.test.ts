import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Untyped } from '../helpers';

/** The committed dist/: the sample fleet shows one use of each escape hatch, marked for review. */
function objects(path: string): Untyped[] {
  return parseAllDocuments(readFileSync(resolve(__dirname, '../../dist', path), 'utf8')).map((d) => d.toJS());
}

const ESCAPE_HATCH = 'platform.golden-path.dev/escape-hatch';

describe('the sample fleet in dist/', () => {
  test.each(['dev', 'staging', 'prod'])('%s: payment-gateway customizes its Deployment for the mesh', (env) => {
    const deployment = objects(`${env}/payments/payment-gateway.yaml`).find((o) => o.kind === 'Deployment');
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled' });
    expect(deployment.metadata.annotations[ESCAPE_HATCH]).toBe('customize changed 1 field: spec.template.metadata.annotations.linkerd.io/inject');
  });

  test.each([
    ['dev', 'warning'],
    ['staging', 'warning'],
    ['prod', 'critical'],
  ])('%s: checkout-api adds its business alert as an extra object (severity %s)', (env, severity) => {
    const rule = objects(`${env}/shop/checkout-api.yaml`).find((o) => o.kind === 'PrometheusRule' && o.metadata.name === 'checkout-api-orders');
    expect(rule.metadata.annotations[ESCAPE_HATCH]).toBe('extra object (objects)');
    expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(rule.spec.groups[0].rules[0].labels.severity).toBe(severity);
  });

  test('no other app leaves the golden path', () => {
    for (const path of ['prod/payments/ledger-worker.yaml', 'prod/shop/storefront.yaml', 'prod/shop/sales-report.yaml']) {
      expect([path, readFileSync(resolve(__dirname, '../../dist', path), 'utf8').includes(ESCAPE_HATCH)]).toEqual([path, false]);
    }
  });
});
