import { CATALOG_FOLDER, catalogFiles } from '../catalog/catalog-files';
import { CatalogOptions } from '../catalog/catalog-info';
import { kustomization } from '../gitops/kustomization';
import { ResolvedApp } from '../model/resolved-app';
import { appFilePath } from '../output/layout';
import { YamlEmitter } from '../output/emit-yaml';
import { renderDocument, renderManifests } from '../output/render-yaml';
import { RenderCache } from './cache/render-cache';
import { perRun } from '../internal/per-run';
import { RenderedApp } from './render-fleet';
import { RenderedPlatformFile } from './render-platform';

/** Folders that get no kustomization: the root mixes clusters, and argocd/ only groups folders. */
const NO_KUSTOMIZATION = new Set(['', 'argocd']);

/**
 * Lays the rendered fleet out as files: the apps, the platform's files, and a kustomization.yaml
 * in every environment and team folder so `kubectl kustomize dist/<env>` builds, then the Backstage
 * catalog (catalog/), added after the kustomizations so that none lists it. Pure: the same input
 * gives the same bytes. One YamlEmitter writes every file, so a value the fleet repeats is
 * stringified once per layout, and nothing is remembered after it.
 */
export function layoutFleet(
  rendered: readonly RenderedApp[],
  platform: readonly RenderedPlatformFile[] = [],
  catalog: CatalogOptions = {},
  cache?: Pick<RenderCache, 'textOf'>,
): Map<string, string> {
  return layoutOnto(
    new Map(),
    rendered,
    platform,
    rendered.map((r) => r.app),
    catalog,
    cache,
  );
}

/**
 * `layoutFleet` over files kept from an earlier tree (`base`, without its kustomizations and
 * catalog): a synth of one environment or team lays its share out onto the rest of dist/, and the
 * catalog is made from `apps`, the whole fleet resolved.
 */
export function layoutOnto(
  base: ReadonlyMap<string, string>,
  rendered: readonly RenderedApp[],
  platform: readonly RenderedPlatformFile[],
  apps: readonly ResolvedApp[],
  catalog: CatalogOptions,
  cache?: Pick<RenderCache, 'textOf'>,
): Map<string, string> {
  const yaml = new YamlEmitter();
  const files = new Map(base);
  layoutFiles(rendered, platform, yaml, cache, (path, text) => files.set(path, text));
  for (const [path, text] of aggregateFiles(files.keys(), apps, catalog, yaml)) files.set(path, text);
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The files of some rendered apps and platform files (one environment's, say), each handed to
 * `write` as soon as it is laid out, so a synth need not hold the texts of the whole fleet.
 * `yaml` gives the emitter for each team's files and then the platform's: a synth passes a fresh
 * one each time, as an emitter remembers every distinct value it wrote (every app's dashboards),
 * and one per environment held as much again as the environment's objects.
 */
export function layoutFiles(
  rendered: readonly RenderedApp[],
  platform: readonly RenderedPlatformFile[],
  yaml: YamlEmitter | (() => YamlEmitter),
  cache: Pick<RenderCache, 'textOf'> | undefined,
  write: (path: string, text: string) => void,
): void {
  const next = typeof yaml === 'function' ? yaml : () => yaml;
  const emitterOf = perRun(next);
  for (const { app, manifests, text, written } of rendered) {
    if (written) continue;
    // A cache hit, or an app rendered on a worker thread, brings its file's text: emitting it again would give the same bytes.
    const known = text ?? cache?.textOf(manifests);
    if (known !== undefined) {
      write(appFilePath(app), known);
      continue;
    }
    write(appFilePath(app), renderManifests(app.source, manifests, emitterOf(app.team)));
  }
  if (platform.length === 0) return;
  let forPlatform: YamlEmitter | undefined;
  // An environment's platform files taken from the cache bring their texts too.
  for (const file of platform) write(file.path, cache?.textOf(file.manifests) ?? renderManifests(file.source, file.manifests, (forPlatform ??= next())));
}

/** Made from the other files' paths, or from every app: a merged tree lays them out afresh. */
export function isAggregate(path: string): boolean {
  return path.startsWith(`${CATALOG_FOLDER}/`) || path === 'kustomization.yaml' || path.endsWith('/kustomization.yaml');
}

/**
 * A kustomization.yaml for every folder of `paths` that gets one (listing its entries) and the
 * catalog of `apps`. Kustomizations follow from the paths alone, so a tree merged from two synths
 * (or written an environment at a time) gets the same ones as one synth of the whole fleet.
 */
export function aggregateFiles(paths: Iterable<string>, apps: readonly ResolvedApp[], catalog: CatalogOptions, yaml: YamlEmitter): Map<string, string> {
  const files = kustomizationFiles(paths, yaml);
  for (const [path, text] of catalogFiles(apps, catalog, yaml)) files.set(path, text);
  return files;
}

/** The kustomization.yaml of every folder of `paths` that gets one: `aggregateFiles` without the catalog. */
export function kustomizationFiles(paths: Iterable<string>, yaml: YamlEmitter): Map<string, string> {
  const files = new Map<string, string>();
  const children = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const set = children.get(folder) ?? new Set<string>();
      set.add(parts[i]);
      children.set(folder, set);
    }
  }
  for (const [folder, entries] of children) {
    if (NO_KUSTOMIZATION.has(folder)) continue;
    files.set(`${folder}/kustomization.yaml`, renderDocument('apps/environments.ts', kustomization([...entries]), yaml));
  }
  return files;
}
