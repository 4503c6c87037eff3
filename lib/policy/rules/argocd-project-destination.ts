import { namespaceOf } from '../../manifest/environment-objects';
import { EnvironmentRule } from '../rule';

interface Destination {
  readonly name?: string;
  readonly server?: string;
  readonly namespace?: string;
}

export const argocdProjectDestination: EnvironmentRule = {
  id: 'argocd-project-destination',
  scope: 'environment',
  severity: 'error',
  finding: 'an Argo CD Application deploys where its AppProject does not allow',
  why: 'Argo CD refuses to sync it, so the apps it carries never reach the cluster; or the project allows more than the team owns',
  fix: "point spec.destination at a cluster and namespace the project lists in spec.destinations (the team's namespace)",
  check: (objects) =>
    objects.ofKind('Application').flatMap((app) => {
      const spec = (app as { spec?: { project?: string; destination?: Destination } }).spec;
      // Projects not in the tree (Argo CD's 'default') are the cluster's to judge.
      const project = spec?.project ? objects.get(namespaceOf(app), 'AppProject', spec.project) : undefined;
      if (!project) return [];
      const allowed = (project as { spec?: { destinations?: readonly Destination[] } }).spec?.destinations ?? [];
      const to = spec?.destination ?? {};
      if (allowed.some((d) => matches(d.name, to.name) && matches(d.server, to.server) && matches(d.namespace, to.namespace))) return [];
      const where = `${to.name ?? to.server ?? '?'}/${to.namespace ?? '?'}`;
      const listed = allowed.map((d) => `${d.name ?? d.server ?? '*'}/${d.namespace ?? '*'}`).join(', ') || 'nothing';
      return [
        { object: app, field: 'spec.destination', message: `destination ${where} is not among the destinations of AppProject '${spec!.project}' (${listed})` },
      ];
    }),
};

/** Argo CD's destination patterns: a field the project leaves out matches anything, `*` any run of characters. */
function matches(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value ?? '');
}
