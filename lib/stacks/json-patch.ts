import type { JsonPatch as Cdk8sJsonPatch } from 'cdk8s';
import { lazyClass } from '../internal/lazy-class';

/** cdk8s's JsonPatch for `customize` (`stack.deployment.addJsonPatch(JsonPatch.add(...))`), loaded when a patch is first made. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const JsonPatch = lazyClass(() => (require('cdk8s') as typeof import('cdk8s')).JsonPatch);
export type JsonPatch = Cdk8sJsonPatch;
