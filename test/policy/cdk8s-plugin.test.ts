import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Validation } from 'cdk8s-cli/lib/plugins/validation';
import { stringify } from 'yaml';
import { Manifest } from '../../lib/manifest/manifest';
import { layoutFleet } from '../../lib/pipeline/layout-fleet';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { GoldenPathValidation, GoldenPathValidationProps } from '../../lib/policy/cdk8s-plugin';
import { sourced, webDef } from '../helpers';
import { container, DEV, edit, golden, NOW, PROD, waiver } from './policy-helpers';
import { tempDir } from '../fixtures/temp-dir';

/** The plugin checks at the real date, and a waiver may expire at most a year ahead (E_WAIVER_EXPIRES). */
const IN_A_MONTH = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);

const REPO = resolve(__dirname, '../..');
// The cdk8s CLI's own loader and report, as `cdk8s synth` uses them (deep paths: the package exports only ./plugins).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ValidationPlugin } = require(join(REPO, 'node_modules/cdk8s-cli/lib/plugins/validation.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PluginManager } = require(join(REPO, 'node_modules/cdk8s-cli/lib/plugins/_manager.js'));

/** Writes files (path -> objects) into a fresh folder, as cdk8s synth leaves its output. */
function outputFolder(files: Record<string, readonly unknown[]>): { dir: string; manifests: string[] } {
  const dir = tempDir('cdk8s-out-');
  const manifests: string[] = [];
  for (const [path, docs] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), docs.map((d) => `---\n${stringify(d)}`).join(''));
    manifests.push(join(dir, path));
  }
  return { dir, manifests };
}

/** Loads the plugin as cdk8s.yaml `validations:` does (the cdk8s CLI's loader, through the JS entry point) and runs it. */
async function validate(manifests: string[], properties: GoldenPathValidationProps = {}) {
  // An absolute path: the CLI resolves a relative one against its working directory (the project root).
  const config = { package: join(REPO, 'lib/policy/cdk8s-plugin-entry.js'), version: '0.1.0', class: 'GoldenPathValidation', properties };
  const { plugin, context } = ValidationPlugin.load(config, { manifests }, false, new PluginManager(tempDir('plugins-')));
  const logs: string[] = [];
  context.logger.log = (m: string) => logs.push(m);
  await plugin.validate(context);
  return { success: context.report.success as boolean, json: context.report.toJson(), text: context.report.toString() as string, logs };
}

function privileged(): Manifest[] {
  return edit(golden(), 'Deployment', (d) => (container(d).securityContext.privileged = true));
}

describe('GoldenPathValidation (cdk8s validation plugin)', () => {
  test('implements the cdk8s-cli Validation contract', () => {
    const plugin: Validation = new GoldenPathValidation({}, () => NOW);
    expect(typeof plugin.validate).toBe('function');
  });

  test('passes the golden-path tree, skipping kustomization files and catalog entities', async () => {
    const rendered = renderFleet({ apps: [sourced(webDef())], environments: [DEV, PROD] });
    const files = layoutFleet(rendered);
    expect([...files.keys()]).toContain('prod/kustomization.yaml');
    const dir = tempDir('cdk8s-out-');
    const manifests = [...files].map(([path, text]) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
      return join(dir, path);
    });
    const catalog = outputFolder({
      'catalog-info.yaml': [{ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'checkout' }, spec: { type: 'service' } }],
    });
    const result = await validate([...manifests, ...catalog.manifests]);
    expect(result.success).toBe(true);
    expect(result.json.summary.metadata).toMatchObject({ kubernetes: '1.28.0', errors: '0' });
  });

  test('fails on an error, naming the rule, the resource, the manifest and the field', async () => {
    const { manifests } = outputFolder({ 'prod/shop/checkout.yaml': privileged() });
    const result = await validate(manifests);
    expect(result.success).toBe(false);
    expect(result.json.violations).toEqual([
      expect.objectContaining({
        ruleName: 'pss-privileged (error)',
        fix: expect.stringContaining('remove securityContext.privileged'),
        violatingConstructs: [
          expect.objectContaining({
            resourceName: 'checkout',
            manifestPath: manifests[0],
            locations: ["Deployment shop/checkout spec.template.spec.containers[0].securityContext.privileged: container 'checkout' runs privileged"],
          }),
        ],
      }),
    ]);
  });

  test('fails on an object it has no schema for', async () => {
    const { manifests } = outputFolder({ 'widget.yaml': [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' } }] });
    const result = await validate(manifests);
    expect(result.success).toBe(false);
    expect(result.text).toContain('no schema for example.com/v1 Widget');
  });

  test('applies waivers from its properties to the app they name', async () => {
    const { manifests } = outputFolder({ 'prod/shop/checkout.yaml': privileged() });
    expect((await validate(manifests, { waivers: [{ ...waiver('pss-privileged', { expires: IN_A_MONTH }), app: 'checkout' }] })).success).toBe(true);
    const elsewhere = await validate(manifests, { waivers: [{ ...waiver('pss-privileged', { expires: IN_A_MONTH }), app: 'storefront' }] });
    expect(elsewhere.success).toBe(false);
    expect(elsewhere.logs).toEqual(["golden-path: cdk8s.yaml waivers[0] for 'pss-privileged' excused nothing; remove it"]);
  });

  test('reads the waivers of the app definition an object names as its source, when asked to', async () => {
    const dir = tempDir('definition-');
    const definition = join(dir, 'checkout.ts');
    writeFileSync(definition, `export default ${JSON.stringify({ name: 'checkout', waivers: [waiver('pss-privileged', { expires: IN_A_MONTH })] })};\n`);
    const objects = privileged().map((m) => ({ ...m, metadata: { ...m.metadata, annotations: { 'platform.golden-path.dev/source': definition } } }));
    const { manifests } = outputFolder({ 'prod/shop/checkout.yaml': objects });
    expect((await validate(manifests, { definitionWaivers: true })).success).toBe(true);
    expect((await validate(manifests)).success).toBe(false);
  });

  test('reports a malformed waiver as a failed validation, not a crash', async () => {
    const { manifests } = outputFolder({ 'prod/shop/checkout.yaml': golden() });
    const result = await validate(manifests, { waivers: [waiver('pss-privileged', { reason: 'tbd' })] });
    expect(result.success).toBe(false);
    expect(result.json.violations[0]).toMatchObject({ ruleName: 'waivers', recommendation: expect.stringContaining('E_WAIVER_REASON') });
  });
});
