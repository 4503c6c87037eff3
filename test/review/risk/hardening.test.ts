import { Environment } from '../../../lib/model/environment';
import { webDef } from '../../helpers';
import { PROD } from '../../policy/policy-helpers';
import { appTree, flagged, review } from '../tree-fixtures';

const DIGEST = 'sha256:4c6f1e0a9b7d2e8f3a5c7b9d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f';
const ENV: Environment = { ...PROD, hardening: { internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' } } };
const plain = webDef({ name: 'vault', image: `ghcr.io/acme/vault:1.0.0@${DIGEST}` });
const hardened = (dataClass: 'pci' | 'pii') => webDef({ name: 'vault', image: `ghcr.io/acme/vault:1.0.0@${DIGEST}`, hardened: { dataClass } });

describe('hardened path changed', () => {
  test('flags an app that becomes hardened, once, on its workload', () => {
    const report = review(appTree([plain], [ENV]), appTree([hardened('pci')], [ENV]));
    expect(flagged(report, 'hardening/becomes-hardened')).toEqual([
      "Deployment shop/vault: app becomes hardened (data class 'pci'): TLS only, declared callers only, digest-pinned images, reviewed syncs in production",
    ]);
    expect(report.risks.find((r) => r.rule === 'hardening/becomes-hardened')?.family).toBe('hardening');
  });

  test('flags an app that leaves the hardened path', () => {
    expect(flagged(review(appTree([hardened('pci')], [ENV]), appTree([plain], [ENV])), 'hardening/leaves-hardened')).toEqual([
      "Deployment shop/vault: app is no longer hardened (was data class 'pci'): plain-text port, tag-only images, security waivers and automated syncs are allowed again",
    ]);
  });

  test('flags a new hardened app and a change of data class', () => {
    expect(flagged(review(appTree([], [ENV]), appTree([hardened('pii')], [ENV])), 'hardening/becomes-hardened')).toEqual([
      "Deployment shop/vault: new hardened app (data class 'pii'): TLS only, declared callers only, digest-pinned images, reviewed syncs in production",
    ]);
    expect(flagged(review(appTree([hardened('pii')], [ENV]), appTree([hardened('pci')], [ENV])), 'hardening/data-class')).toEqual([
      "Deployment shop/vault: data class changes from 'pii' to 'pci'",
    ]);
  });

  test('raises nothing when the app stays on its path', () => {
    const report = review(appTree([hardened('pci')], [ENV]), appTree([hardened('pci')], [ENV]));
    expect(report.risks.filter((r) => r.family === 'hardening')).toEqual([]);
  });
});
