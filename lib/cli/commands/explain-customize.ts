import { Problems } from '../../internal/errors';
import { SourcedApp } from '../../model/app-definition';
import { ResolvedApp } from '../../model/resolved-app';
import { manifestId } from '../../manifest/manifest';
import { canonicalize } from '../../output/canonical';
import { flatten } from '../../output/flatten';
import { renderApp } from '../../pipeline/render-app';

/** One row of `platform explain` from the `customize` layer: what an escape hatch set, on top of every other layer. */
export interface CustomizeRow {
  readonly field: string;
  readonly value: unknown;
  readonly origin: 'customize';
}

const CHANGE_TEXT = { added: '(object added by customize)', extra: '(extra object, from objects)', removed: '(object removed by customize)' } as const;

/**
 * What the app's escape hatches change in this environment, one row per changed field
 * (`Deployment payments/payment-gateway: spec.template.metadata.annotations.linkerd.io/inject`)
 * and per added or removed object. Renders the app (only this one, in this environment).
 */
export function customizeRows(resolved: ResolvedApp, app: SourcedApp): CustomizeRow[] {
  const problems = new Problems();
  const { manifests, customization } = renderApp(
    resolved,
    app.definition,
    { environment: resolved.environment, production: resolved.production, app: resolved },
    problems,
  );
  problems.throwIfAny();
  const rows: CustomizeRow[] = [];
  for (const object of customization?.objects ?? []) {
    if (object.change !== 'changed') {
      rows.push({ field: object.id, value: CHANGE_TEXT[object.change], origin: 'customize' });
      continue;
    }
    const manifest = manifests.find((m) => manifestId(m) === object.id);
    const leaves = flatten(canonicalize(manifest));
    for (const field of object.fields)
      rows.push({ field: `${object.id}: ${field}`, value: leaves.has(field) ? leaves.get(field) : '(removed)', origin: 'customize' });
  }
  return rows;
}
