import { Manifest } from '../../lib/manifest/manifest';
import { find, Untyped } from '../helpers';

/** The pod template of the Deployment or CronJob named `name`. */
export function podTemplateOf(manifests: readonly Manifest[], kind: 'Deployment' | 'CronJob', name: string): Untyped {
  const object = find(manifests, kind, name);
  return kind === 'CronJob' ? object.spec.jobTemplate.spec.template : object.spec.template;
}

/** The container named `name` in a pod template; fails when there is none or several. */
export function containerOf(template: Untyped, name: string): Untyped {
  const found = (template.spec.containers as Untyped[]).filter((c) => c.name === name);
  if (found.length !== 1) throw new Error(`expected one container '${name}', found ${found.length}`);
  return found[0];
}

/** The app's own container in its Deployment or CronJob. */
export function appContainer(manifests: readonly Manifest[], kind: 'Deployment' | 'CronJob', name: string): Untyped {
  return containerOf(podTemplateOf(manifests, kind, name), name);
}
