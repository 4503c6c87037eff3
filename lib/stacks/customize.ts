import { ApiObject, JsonPatch } from 'cdk8s';
import { AppDefinition } from '../model/app-definition';
import { CustomizeContext, ExtraObject } from '../model/customize';
import { isClusterScoped } from '../manifest/cluster-scoped';
import { AppStack } from './app-stack';
import './stack-of-kind';

/** Whether a definition leaves the golden path anywhere (so it is rendered a second time without). */
export function hasEscapeHatch(definition: AppDefinition): boolean {
  return definition.customize !== undefined || definition.objects !== undefined;
}

/** The extra objects a definition adds in one environment. */
export function extraObjects(definition: AppDefinition, ctx: CustomizeContext): readonly ExtraObject[] {
  const objects = definition.objects;
  if (objects === undefined) return [];
  return typeof objects === 'function' ? objects(ctx) : objects;
}

/**
 * Runs the app's escape hatches on its built stack: `customize` first (it sees the golden path
 * only), then adds the extra objects under the stack, with the app's namespace, labels and source
 * annotation beneath their own. Returns the ids (`Kind namespace/name`) of the extra objects.
 * Anything the app code throws propagates: the caller names the app and environment.
 */
export function applyEscapeHatches(stack: AppStack, definition: AppDefinition, ctx: CustomizeContext): string[] {
  // The definition's kind matches the stack's (buildChart chose the stack by it).
  (definition.customize as ((stack: AppStack, ctx: CustomizeContext) => void) | undefined)?.(stack, ctx);
  const ids: string[] = [];
  for (const object of extraObjects(definition, ctx)) {
    const { apiVersion, kind, metadata, ...rest } = object;
    const app = stack.app;
    const added = new ApiObject(stack, `extra-${kind}-${metadata?.name}`, {
      ...rest,
      apiVersion,
      kind,
      metadata: {
        ...metadata,
        namespace: metadata?.namespace ?? app.namespace,
        labels: { ...app.labels, ...metadata?.labels },
        annotations: { ...app.annotations, ...metadata?.annotations },
      },
    });
    // A cluster-scoped kind has no namespace (the chart would give it one): findings then name the object as the API does.
    if (isClusterScoped(kind)) added.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    ids.push(`${kind} ${added.metadata.namespace && !isClusterScoped(kind) ? `${added.metadata.namespace}/` : ''}${added.name}`);
  }
  return ids;
}
