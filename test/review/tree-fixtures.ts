import { stringify } from 'yaml';
import { AppDefinition } from '../../lib/model/app-definition';
import { Environment } from '../../lib/model/environment';
import { Manifest } from '../../lib/manifest/manifest';
import { layoutFleet } from '../../lib/pipeline/layout-fleet';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { parseTree, RenderedTree, TreeObject } from '../../lib/review/rendered-tree';
import { buildReview, ReviewReport } from '../../lib/review/review-report';
import { sourced, testEnvironment, Untyped } from '../helpers';

export const PROD = testEnvironment({ name: 'prod' });

/** The rendered tree of real golden-path apps, as `platform synth` lays it out. */
export function appTree(definitions: readonly AppDefinition[], environments: readonly Environment[] = [PROD]): RenderedTree {
  return parseTree(layoutFleet(renderFleet({ apps: definitions.map((d) => sourced(d)), environments })));
}

/** A tree of hand-written objects: file path -> objects. */
export function craftedTree(files: Record<string, readonly object[]>): RenderedTree {
  return parseTree(new Map(Object.entries(files).map(([path, objects]) => [path, objects.map((o) => `---\n${stringify(o)}`).join('')])));
}

/** A deep copy of the tree with one object changed in place by `change`. */
export function edit(tree: RenderedTree, environment: string, id: string, change: (object: Untyped) => void): RenderedTree {
  const copy = clone(tree);
  const target = copy.objects.find((o) => o.environment === environment && o.id === id);
  if (!target)
    throw new Error(
      `no ${id} in ${environment}; have: ${tree.objects
        .filter((o) => o.environment === environment)
        .map((o) => o.id)
        .join(', ')}`,
    );
  change(target.manifest);
  return copy;
}

export function without(tree: RenderedTree, environment: string, id: string): RenderedTree {
  return { objects: clone(tree).objects.filter((o) => !(o.environment === environment && o.id === id)) };
}

export function withObject(tree: RenderedTree, object: Omit<TreeObject, 'id'> & { id?: string }): RenderedTree {
  const m = object.manifest;
  const id = object.id ?? `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`;
  return { objects: [...clone(tree).objects, { ...object, id }] };
}

export function find(tree: RenderedTree, environment: string, id: string): Manifest {
  const found = tree.objects.find((o) => o.environment === environment && o.id === id);
  if (!found) throw new Error(`no ${id} in ${environment}`);
  return found.manifest;
}

export function review(before: RenderedTree, after: RenderedTree): ReviewReport {
  return buildReview(before, after, { base: { label: 'before', how: 'test' }, head: { label: 'after', how: 'test' } });
}

/** Flags of one rule, as `object: message` lines (environment-wide flags as `environment: message`). */
export function flagged(report: ReviewReport, rule: string): string[] {
  return report.risks.filter((r) => r.rule === rule).map((r) => `${r.object ?? r.environment}: ${r.message}`);
}

function clone(tree: RenderedTree): RenderedTree {
  return { objects: tree.objects.map((o) => ({ ...o, manifest: structuredClone(o.manifest) })) };
}
