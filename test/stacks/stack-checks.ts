import { Manifest } from '../../lib/manifest/manifest';

/** Every key and string value anywhere in an object, with its path: the whole tree, not just metadata. */
export function walk(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => walk(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [{ path: `${path}.${k}`, text: k }, ...walk(v, `${path}.${k}`)]);
  }
  return [];
}

/** Paths at which `cdk8s.io/` appears in a key or value of any of the objects. */
export function cdk8sTraces(manifests: readonly Manifest[]): string[] {
  return manifests.flatMap((m) =>
    walk(m, `${m.kind}/${m.metadata.name}`)
      .filter((e) => e.text.includes('cdk8s.io/'))
      .map((e) => e.path),
  );
}

/** The standard labels of an app, as every object carries them. */
export function standardLabels(name: string, component: string, version: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/version': version,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'shop',
    'app.kubernetes.io/managed-by': 'golden-path',
    team: 'shop',
    environment: 'prod',
  };
}
