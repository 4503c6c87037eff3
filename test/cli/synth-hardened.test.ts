import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { bufferIo } from '../../lib/cli/io';
import { LIB, tempRepo, webApp } from '../fixtures/temp-repo';

const DIGEST = 'sha256:4c6f1e0a9b7d2e8f3a5c7b9d1e3f5a7c9b1d3e5f7a9c1b3d5e7f9a1c3b5d7e9f';
const ISSUER = "hardening: { internalIssuer: { kind: 'ClusterIssuer', name: 'internal-ca' } }";
const environments = (hardening: string) => `
import { Replicas } from '${LIB}';
export const environments = [
  { name: 'dev', cluster: 'dev-1', domain: 'dev.example', profile: { webServiceReplicas: Replicas.fixed(1) }, ${hardening} },
  { name: 'prod', cluster: 'prod-1', domain: 'example.com', profile: { webServiceReplicas: Replicas.autoscale({ min: 2, max: 4 }) }, ${hardening} },
];
`;
const vault = (extra: string) =>
  webApp('vault', 'pay', `hardened: { dataClass: 'pci' }, ${extra}`).replace(`'ghcr.io/acme/vault:1.0.0'`, `'ghcr.io/acme/vault:1.0.0@${DIGEST}'`);

/** Runs `platform synth` in a fresh repository; returns the exit code, stderr and whether dist/ was written. */
function synth(files: Record<string, string>, hardening = ISSUER): { code: number; stderr: string; wrote: boolean } {
  const root = tempRepo(files, environments(hardening));
  const io = bufferIo();
  const code = main(['--root', root, 'synth'], io);
  return { code, stderr: io.stderr(), wrote: existsSync(join(root, 'dist')) };
}

describe('platform synth of a hardened app', () => {
  test('writes a hardened app that is pinned by digest in an environment with an internal issuer', () => {
    expect(synth({ 'apps/pay/vault.ts': vault("description: 'holds card numbers'") })).toMatchObject({ code: 0, wrote: true });
  });

  test('refuses a tag-only image, naming apps/releases.yaml and set-image --digest, and writes nothing', () => {
    const result = synth({ 'apps/pay/vault.ts': webApp('vault', 'pay', "hardened: { dataClass: 'pci' }") });
    expect(result).toMatchObject({ code: 1, wrote: false });
    expect(result.stderr).toContain(
      "apps/pay/vault.ts: app 'vault': environment 'dev': 'image' is pinned by tag only: a hardened app runs only images pinned by digest (a tag can be moved to other content) (got \"ghcr.io/acme/vault:1.0.0\"). Fix: pin the digest in apps/releases.yaml: 'platform set-image vault --env dev --digest sha256:<digest>' [E_HARDENED_IMAGE_DIGEST]",
    );
  });

  test('refuses an environment without an internal issuer, and writes nothing', () => {
    const result = synth({ 'apps/pay/vault.ts': vault("description: 'holds card numbers'") }, "labels: { tier: 'x' }");
    expect(result).toMatchObject({ code: 1, wrote: false });
    expect(result.stderr).toContain("'hardened' needs the environment's internal certificate issuer, and environment 'dev' names none");
    expect(result.stderr).toContain('[E_HARDENED_ISSUER]');
  });

  test('refuses a waiver of a security rule, and writes nothing', () => {
    // Long expired, so no expiry rule is in play: the rule alone is refused.
    const waiver =
      "waivers: [{ rule: 'read-only-root-filesystem', reason: 'writes a cache to its root filesystem', owner: 'team-pay', expires: '2000-01-01' }]";
    const result = synth({ 'apps/pay/vault.ts': vault(waiver) });
    expect(result).toMatchObject({ code: 1, wrote: false });
    expect(result.stderr).toContain("apps/pay/vault.ts: app 'vault': 'waivers[0].rule' is a security rule, which a hardened app may not waive");
    expect(result.stderr).toContain('[E_HARDENED_WAIVER]');
  });

  test('refuses a waiver that runs more than 90 days, and writes nothing', () => {
    const waiver = "waivers: [{ rule: 'topology-spread', reason: 'a single zone while the pool is being built', owner: 'team-pay', expires: '2999-01-01' }]";
    const result = synth({ 'apps/pay/vault.ts': vault(waiver) });
    expect(result).toMatchObject({ code: 1, wrote: false });
    expect(result.stderr).toContain("'waivers[0].expires' is more than 90 days away, the longest a hardened app's waiver may run");
    expect(result.stderr).toContain('[E_HARDENED_WAIVER_EXPIRES]');
  });

  test('platform check names the hardened apps and their data class', () => {
    const root = tempRepo({ 'apps/pay/vault.ts': vault("description: 'holds card numbers'"), 'apps/shop/web.ts': webApp('web') }, environments(ISSUER));
    const io = bufferIo();
    expect(main(['--root', root, 'check'], io)).toBe(0);
    expect(io.stdout()).toContain('Golden path\n  on it: pay/vault, shop/web\n  hardened: pay/vault (pci)\n');
    const json = bufferIo();
    main(['--root', root, 'check', '--json'], json);
    expect((JSON.parse(json.stdout()) as { goldenPath: unknown[] }).goldenPath).toEqual([
      { app: 'pay/vault', source: 'apps/pay/vault.ts', hardened: 'pci', offIn: [], onGoldenPath: true },
      { app: 'shop/web', source: 'apps/shop/web.ts', offIn: [], onGoldenPath: true },
    ]);
  });
});
