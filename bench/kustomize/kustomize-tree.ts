import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ResolvedApp } from '../../lib/model/resolved-app';
import { Manifest } from '../../lib/manifest/manifest';
import { RenderedApp } from '../../lib/pipeline/render-fleet';
import { difference, intersect, Json } from './json-diff';

/**
 * The same fleet as a kustomize user would keep it: one base per app kind, a component per
 * optional object (autoscaler, monitors, dashboard...), and per environment one overlay per app
 * with its own values, one root per team listing its apps and one per environment listing its
 * teams. `kubectl kustomize overlays/<env>` then renders the objects our pipeline renders for
 * that environment's apps (the platform's own namespaces and Argo CD objects are left out).
 *
 * The benchmark times the team roots, one `kubectl kustomize` each, as Argo CD would render one
 * Application per team. One build of a whole environment grows much faster than linearly with its
 * number of objects (about 240 s of CPU per environment root at 1,000 apps on a 2-core machine),
 * which would measure that more than the tree.
 *
 * The bases are derived, not hand-written: each holds exactly what every app of its kind shares
 * (the structural intersection of the pipeline's objects), and each app's patches hold the rest.
 * Names, namespace, common labels and image go through kustomize's own transformers, as they
 * would by hand; the app's config through a configMapGenerator; everything else app-specific is
 * a strategic merge patch per object. Which objects are in a base and which are components is
 * read from the objects, so new kinds of output need no change here.
 */

/** Name of the objects in the bases; an object named `<app><suffix>` is `app<suffix>` there. */
const BASE_NAME = 'app';
const BASE_IMAGE = 'app-image';
/** The role of the app's config ConfigMap, which comes from a configMapGenerator. */
const GENERATED_ROLE = 'ConfigMap';
const OVERLAY_TO_ROOT = '../../../..';

export interface KustomizeRoot {
  readonly environment: string;
  /** Undefined for an environment's root, which includes its team roots. */
  readonly team?: string;
  /** The folder passed to `kubectl kustomize`. */
  readonly dir: string;
}

export interface KustomizeTree {
  /** One root per environment, in fleet order. */
  readonly overlays: readonly KustomizeRoot[];
  /** One root per environment and team: what the benchmark builds. */
  readonly teamRoots: readonly KustomizeRoot[];
  /** Files written, to show the size of what kustomize reads. */
  readonly files: number;
}

/** An object's role in its app: kind plus what its name adds to the app's name ('ConfigMap-dashboard'). */
interface AppObject {
  readonly role: string;
  readonly suffix: string;
  readonly manifest: Manifest;
  readonly normalized: Json;
}

export function writeKustomizeTree(root: string, rendered: readonly RenderedApp[]): KustomizeTree {
  let files = 0;
  const write = (path: string, content: unknown) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : stringify(content, { lineWidth: 0, aliasDuplicateObjects: false }));
    files++;
  };

  const apps = rendered.map((r) => ({ r, objects: appObjects(r) }));

  // A role every app of an app kind has goes in that kind's base; a role only some apps of some
  // kind have is a component, for every app that has it (a role is never in both places).
  const appKinds = [...new Set(apps.map((a) => a.r.app.kind))].sort();
  const groups = new Map(appKinds.map((kind) => [kind, apps.filter((a) => a.r.app.kind === kind)]));
  const rolesOf = (group: readonly { objects: readonly AppObject[] }[]) =>
    [...new Set(group.flatMap((a) => a.objects.map((o) => o.role)))].filter((role) => role !== GENERATED_ROLE);
  const componentRoles = new Set<string>();
  for (const group of groups.values()) {
    for (const role of rolesOf(group)) if (!group.every((a) => a.objects.some((o) => o.role === role))) componentRoles.add(role);
  }
  const bases = new Map<string, Json>();
  for (const [appKind, group] of groups) {
    const docs: Json[] = [];
    for (const role of rolesOf(group).filter((r) => !componentRoles.has(r))) {
      const common = intersect(group.map((a) => a.objects.find((o) => o.role === role)!.normalized))!;
      bases.set(`${appKind}/${role}`, common);
      docs.push(common);
    }
    write(`bases/${appKind}/resources.yaml`, docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'));
    write(`bases/${appKind}/kustomization.yaml`, { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['resources.yaml'] });
  }
  for (const role of componentRoles) {
    const common = intersect(apps.flatMap((a) => a.objects.filter((o) => o.role === role).map((o) => o.normalized)))!;
    bases.set(role, common);
    write(`components/${role.toLowerCase()}/resources.yaml`, common);
    write(`components/${role.toLowerCase()}/kustomization.yaml`, {
      apiVersion: 'kustomize.config.k8s.io/v1alpha1',
      kind: 'Component',
      resources: ['resources.yaml'],
    });
  }

  const perTeam = new Map<string, { environment: string; team: string; apps: string[] }>();
  for (const { r, objects } of apps) {
    const dir = `overlays/${r.app.environment}/${r.app.team}/${r.app.name}`;
    const patches: Json[] = [];
    const components: string[] = [];
    for (const o of objects) {
      let base: Json | undefined;
      if (o.role === GENERATED_ROLE)
        base = { apiVersion: o.manifest.apiVersion, kind: o.manifest.kind, metadata: { name: BASE_NAME }, data: configData(o.manifest) };
      else if (componentRoles.has(o.role)) {
        components.push(`${OVERLAY_TO_ROOT}/components/${o.role.toLowerCase()}`);
        base = bases.get(o.role);
      } else base = bases.get(`${r.app.kind}/${o.role}`);
      const patch = difference(o.normalized, base);
      if (patch === undefined) continue;
      const file = `${o.role.toLowerCase()}.yaml`;
      const { metadata, ...rest } = patch as { metadata?: object };
      write(`${dir}/${file}`, { apiVersion: o.manifest.apiVersion, kind: o.manifest.kind, metadata: { ...metadata, name: BASE_NAME + o.suffix }, ...rest });
      patches.push({ path: file });
    }
    write(`${dir}/kustomization.yaml`, overlayKustomization(r.app, objects, components, patches));
    const key = `${r.app.environment}/${r.app.team}`;
    if (!perTeam.has(key)) perTeam.set(key, { environment: r.app.environment, team: r.app.team, apps: [] });
    perTeam.get(key)!.apps.push(r.app.name);
  }

  const kustomization = (resources: readonly string[]) => ({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
  const teamRoots: KustomizeRoot[] = [];
  const teamsOf = new Map<string, string[]>();
  for (const { environment, team, apps: names } of perTeam.values()) {
    write(`overlays/${environment}/${team}/kustomization.yaml`, kustomization(names));
    teamRoots.push({ environment, team, dir: join(root, 'overlays', environment, team) });
    teamsOf.set(environment, [...(teamsOf.get(environment) ?? []), team]);
  }
  const overlays: KustomizeRoot[] = [];
  for (const [environment, teams] of teamsOf) {
    write(`overlays/${environment}/kustomization.yaml`, kustomization(teams));
    overlays.push({ environment, dir: join(root, 'overlays', environment) });
  }
  write('roots.json', `${JSON.stringify({ overlays, teamRoots }, null, 1)}\n`);
  return { overlays, teamRoots, files };
}

function appObjects(r: RenderedApp): AppObject[] {
  const seen = new Set<string>();
  return r.manifests.map((manifest) => {
    const name = manifest.metadata.name;
    if (!name.startsWith(r.app.name))
      throw new Error(`bug: ${manifest.kind} '${name}' of ${r.app.source} is not named after its app; the kustomize tree expects it to be`);
    const suffix = name.slice(r.app.name.length);
    const role = `${manifest.kind}${suffix}`;
    if (seen.has(role)) throw new Error(`bug: ${r.app.source} renders two ${manifest.kind} objects named '${name}' in ${r.app.environment}`);
    seen.add(role);
    return { role, suffix, manifest, normalized: normalize(manifest, r.app, suffix) };
  });
}

/**
 * An object as it appears in a base: named `app<suffix>`, no namespace and none of the app's
 * common labels (transformers set those), the container named `app` with the placeholder image.
 * References to the app's own objects (serviceAccountName, configMapRef, scaleTargetRef) keep
 * their real names and travel in the patches: kustomize resolves a renamed reference only at the
 * root, where every app's copy was once called `app`, and there it cannot choose.
 */
function normalize(manifest: Manifest, app: ResolvedApp, suffix: string): Json {
  const copy = structuredClone(manifest) as Manifest & Json;
  // The fields rewritten below, as the app's own rendering wrote them (Deployments and CronJobs have their templates).
  const o = copy as unknown as NormalizedView;
  const { name: _name, namespace: _namespace, labels, ...metadata } = o.metadata;
  o.metadata = { name: BASE_NAME + suffix, ...metadata, ...nonEmpty('labels', withoutAppLabels(labels, app)) };
  const templates: LabelledView[] =
    o.kind === 'Deployment' ? [o.spec.template] : o.kind === 'CronJob' ? [o.spec.jobTemplate, o.spec.jobTemplate.spec.template] : [];
  for (const t of templates) {
    const rest = withoutAppLabels(t.metadata?.labels, app);
    if (rest && t.metadata) t.metadata.labels = rest;
    else if (t.metadata) delete t.metadata.labels;
  }
  const pod = o.kind === 'Deployment' ? o.spec.template.spec : o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template.spec : undefined;
  for (const c of pod?.containers ?? []) {
    c.name = BASE_NAME;
    c.image = BASE_IMAGE;
  }
  return copy;
}

interface LabelledView {
  metadata?: { labels?: Record<string, string> };
}
interface PodTemplateView extends LabelledView {
  spec: { containers?: { name: string; image?: string }[] };
}
interface NormalizedView {
  readonly kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  readonly spec: { readonly template: PodTemplateView; readonly jobTemplate: LabelledView & { readonly spec: { readonly template: PodTemplateView } } };
}

/** The labels the labels transformer will not add back, or undefined when there are none. */
function withoutAppLabels(labels: Record<string, string> | undefined, app: ResolvedApp): Record<string, string> | undefined {
  if (Object.keys(app.labels).some((k) => labels?.[k] !== app.labels[k])) {
    throw new Error(`bug: an object of ${app.source} lacks some of the app's labels; the labels transformer would add them`);
  }
  const rest = Object.entries(labels ?? {}).filter(([k, v]) => app.labels[k] !== v);
  return rest.length ? Object.fromEntries(rest) : undefined;
}

function nonEmpty<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function configData(manifest: Manifest): Record<string, string> {
  return (manifest as { data?: Record<string, string> }).data ?? {};
}

function overlayKustomization(app: ResolvedApp, objects: readonly AppObject[], components: readonly string[], patches: Json[]): Json {
  const roles = new Set(objects.map((o) => o.role));
  const workload = roles.has('CronJob')
    ? { kind: 'CronJob', path: '/spec/jobTemplate/spec/template/spec/containers/0/name' }
    : { kind: 'Deployment', path: '/spec/template/spec/containers/0/name' };
  const config = objects.find((o) => o.role === GENERATED_ROLE);
  const suffixes = [...new Set(objects.map((o) => o.suffix))];
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [`${OVERLAY_TO_ROOT}/bases/${app.kind}`],
    ...(components.length ? { components: [...components] } : {}),
    namespace: app.namespace,
    labels: [{ pairs: { ...app.labels }, includeSelectors: false, includeTemplates: true }],
    images: [{ name: BASE_IMAGE, ...imageFields(app.image) }],
    ...(config
      ? {
          configMapGenerator: [
            { name: BASE_NAME, literals: Object.entries(configData(config.manifest)).map(([k, v]) => `${k}=${v}`), options: { disableNameSuffixHash: true } },
          ],
        }
      : {}),
    patches: [
      // Strategic merge patches first: they find the objects by their base names.
      ...patches,
      ...suffixes.map((suffix) => ({
        target: { name: BASE_NAME + suffix },
        options: { allowNameChange: true },
        patch: stringify([{ op: 'replace', path: '/metadata/name', value: app.name + suffix }]),
      })),
      ...(roles.has(workload.kind) ? [{ target: { kind: workload.kind }, patch: stringify([{ op: 'replace', path: workload.path, value: app.name }]) }] : []),
    ],
  };
}

/** `repo:tag`, `repo@digest` or `repo:tag@digest` as an `images` entry. */
function imageFields(image: string): Record<string, string> {
  const [withTag, digest] = image.split('@');
  const slash = withTag.lastIndexOf('/');
  const colon = withTag.lastIndexOf(':');
  const hasTag = colon > slash;
  return {
    newName: hasTag ? withTag.slice(0, colon) : withTag,
    ...(hasTag ? { newTag: withTag.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}
