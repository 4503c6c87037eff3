import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigFileError } from '../internal/errors';
import { Manifest, manifestId } from '../manifest/manifest';

/** One Kubernetes object of a rendered tree, with where it sits. */
export interface TreeObject {
  /** The environment it deploys to: the first folder, or the second under `argocd/`. */
  readonly environment: string;
  /** The file it is in, relative to the tree's root, e.g. `prod/shop/storefront.yaml`. */
  readonly file: string;
  /** The file as reviewers name it: `shop/storefront`, `shop/_namespace`, `argocd/shop`. */
  readonly app: string;
  /** `Deployment shop/storefront`: unique within an environment. */
  readonly id: string;
  readonly manifest: Manifest;
}

/** A rendered tree (what `platform synth` writes into dist/) as objects. */
export interface RenderedTree {
  readonly objects: readonly TreeObject[];
}

/**
 * Where a file of the tree belongs, or undefined for files that hold no Kubernetes objects of an
 * environment: kustomizations (they only list files) and the Backstage catalog.
 */
export function placeFile(path: string): { readonly environment: string; readonly app: string } | undefined {
  if (!/\.ya?ml$/.test(path) || /(^|\/)kustomization\.ya?ml$/.test(path)) return undefined;
  const parts = path.replace(/\.ya?ml$/, '').split('/');
  if (parts[0] === 'catalog') return undefined;
  if (parts[0] === 'argocd' && parts.length === 3) {
    // argocd/bootstrap/<env>.yaml is the root Application of <env>; argocd/<env>/<team>.yaml a team's.
    return parts[1] === 'bootstrap' ? { environment: parts[2], app: 'argocd/bootstrap' } : { environment: parts[1], app: `argocd/${parts[2]}` };
  }
  if (parts.length === 1) return { environment: '(root)', app: parts[0] };
  return { environment: parts[0], app: parts.slice(1).join('/') };
}

/**
 * Parses a tree given as relative path -> file text. Only documents that are Kubernetes objects
 * (apiVersion, kind and metadata.name) are kept. Objects with the same id in one environment
 * (possible only in hand-made trees) keep the first and get `@file` appended to the later ids.
 */
export function parseTree(files: ReadonlyMap<string, string>, shownAs = 'tree'): RenderedTree {
  const objects: TreeObject[] = [];
  const seen = new Set<string>();
  for (const file of [...files.keys()].sort()) {
    const place = placeFile(file);
    if (!place) continue;
    for (const doc of parseAllDocuments(files.get(file)!)) {
      if (doc.errors.length > 0) {
        throw new ConfigFileError(
          'E_DIFF_YAML',
          `${shownAs}/${file}: is not valid YAML (${doc.errors[0].message.split('\n')[0]}). Fix: compare folders written by 'platform synth'`,
          file,
        );
      }
      const value = doc.toJS() as unknown;
      if (!isManifest(value)) continue;
      let id = manifestId(value);
      if (seen.has(`${place.environment}\u0000${id}`)) id = `${id}@${file}`;
      seen.add(`${place.environment}\u0000${id}`);
      objects.push({ ...place, file, id, manifest: value });
    }
  }
  return { objects };
}

/** Reads every YAML file under `dir` (hidden folders, such as a synth's staging copy, are skipped). */
export function readTreeFiles(dir: string): Map<string, string> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigFileError(
      'E_DIFF_FOLDER',
      `'${dir}' is not a folder. Fix: pass two folders written by 'platform synth' (e.g. dist/ of two checkouts)`,
      dir,
    );
  }
  const files = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub)).sort()) {
      if (entry.startsWith('.')) continue;
      const rel = sub ? `${sub}/${entry}` : entry;
      const full = join(dir, rel);
      if (statSync(full).isDirectory()) walk(rel);
      else if (/\.ya?ml$/.test(entry)) files.set(rel, readFileSync(full, 'utf8'));
    }
  };
  walk('');
  return files;
}

export function readTree(dir: string): RenderedTree {
  return parseTree(readTreeFiles(dir), dir);
}

/** The objects of one environment, as plain manifests. */
export function manifestsIn(tree: RenderedTree, environment: string): Manifest[] {
  return tree.objects.filter((o) => o.environment === environment).map((o) => o.manifest);
}

/** The environments of a tree in the order given, then any others alphabetically. */
export function environmentsOf(trees: readonly RenderedTree[], order: readonly string[] = []): string[] {
  const found = new Set(trees.flatMap((t) => t.objects.map((o) => o.environment)));
  const known = order.filter((e) => found.has(e));
  return [...known, ...[...found].filter((e) => !known.includes(e)).sort()];
}

function isManifest(value: unknown): value is Manifest {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
  if (typeof v.apiVersion !== 'string' || typeof v.kind !== 'string' || typeof v.metadata?.name !== 'string') return false;
  // Not Kubernetes objects, even when they look like one.
  return !v.apiVersion.startsWith('kustomize.config.k8s.io/') && !v.apiVersion.startsWith('backstage.io/');
}
