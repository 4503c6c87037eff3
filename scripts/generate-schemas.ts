/**
 * Generates lib/policy/schema/data/k8s-<KUBERNETES_VERSION>-schemas.json: the JSON schemas `platform check` validates
 * every synthesized object against, strictly (unknown fields are errors), then compiles them (and
 * every other precompiled validator, see scripts/compile-validators.ts).
 *
 *   npm run schemas [-- --shared ../shared]
 *
 * Inputs (read only here, never at run time or in tests):
 *   <shared>/schemas/k8s-1.28.0-definitions.json  Kubernetes 1.28.0 OpenAPI v2 definitions (what `cdk8s import k8s@1.28.0` reads)
 *   <shared>/crds/*.yaml                          pinned CustomResourceDefinitions (see SOURCES.md there)
 *
 * What it does: keeps only the kinds the platform emits or may emit (and the definitions they
 * reach), drops `status`, descriptions and the Kubernetes extensions JSON Schema validators do not use, and
 * closes every object that lists its properties (`additionalProperties: false`) unless the schema
 * says unknown fields are preserved. CEL rules (`x-kubernetes-validations`) are dropped: they need
 * an API server to evaluate.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KUBERNETES_SCHEMA_FILES, KUBERNETES_SCHEMA_RELEASE } from '../lib/model/kubernetes-version';
import { writePrecompiled } from './compile-validators';

type Schema = Record<string, unknown>;

const OUT = resolve(__dirname, `../lib/policy/schema/data/${KUBERNETES_SCHEMA_FILES.schemas}`);

/** Core kinds: `[apiVersion, kind, namespaced]`. Everything else from the core API is "no schema". */
const CORE_KINDS: readonly (readonly [string, string, boolean])[] = [
  ['v1', 'ConfigMap', true],
  ['v1', 'LimitRange', true],
  ['v1', 'Namespace', false],
  ['v1', 'PersistentVolumeClaim', true],
  ['v1', 'Pod', true],
  ['v1', 'ResourceQuota', true],
  ['v1', 'Secret', true],
  ['v1', 'Service', true],
  ['v1', 'ServiceAccount', true],
  // Native admission policies (an environment's `admission.engine: 'vap'`): v1beta1 is what 1.28 serves, behind its feature gate.
  ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', false],
  ['admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicyBinding', false],
  ['apps/v1', 'DaemonSet', true],
  ['apps/v1', 'Deployment', true],
  ['apps/v1', 'ReplicaSet', true],
  ['apps/v1', 'StatefulSet', true],
  ['batch/v1', 'CronJob', true],
  ['batch/v1', 'Job', true],
  ['autoscaling/v1', 'HorizontalPodAutoscaler', true],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', true],
  ['policy/v1', 'PodDisruptionBudget', true],
  ['networking.k8s.io/v1', 'Ingress', true],
  ['networking.k8s.io/v1', 'IngressClass', false],
  ['networking.k8s.io/v1', 'NetworkPolicy', true],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', false],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false],
  ['rbac.authorization.k8s.io/v1', 'Role', true],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', true],
  ['scheduling.k8s.io/v1', 'PriorityClass', false],
];

/** Keys that carry no validation: documentation and Kubernetes' own extensions. */
const DROP = new Set([
  'description',
  'example',
  'default',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-patch-strategy',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-unions',
  'x-kubernetes-group-version-kind',
  'x-kubernetes-validations',
  'x-kubernetes-embedded-resource',
]);
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

function main(argv: readonly string[]): void {
  generateSchemas(argv);
  writePrecompiled();
}

function generateSchemas(argv: readonly string[]): void {
  const sharedArg = argv.indexOf('--shared');
  const shared = resolve(sharedArg >= 0 ? argv[sharedArg + 1] : join(__dirname, '../../shared'));
  const sources: { file: string; sha256: string }[] = [];
  const read = (path: string): string => {
    const text = readFileSync(path, 'utf8');
    sources.push({ file: path.slice(shared.length + 1), sha256: createHash('sha256').update(text).digest('hex') });
    return text;
  };

  const k8s = (JSON.parse(read(join(shared, 'schemas', `k8s-${KUBERNETES_SCHEMA_RELEASE}-definitions.json`))) as { definitions: Record<string, Schema> })
    .definitions;
  const byGvk = new Map<string, string>();
  for (const [name, def] of Object.entries(k8s)) {
    for (const gvk of (def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined) ?? []) {
      byGvk.set(key(gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version, gvk.kind), name);
    }
  }

  const definitions: Record<string, Schema> = {};
  const kinds: Record<string, { readonly definition: string; readonly namespaced: boolean; readonly source: string }> = {};
  const reach = (name: string): void => {
    if (definitions[name]) return;
    const def = k8s[name];
    if (!def) throw new Error(`definition ${name} is referenced but missing`);
    definitions[name] = {}; // reserve before recursing: definitions refer to each other
    definitions[name] = clean(def, (ref) => reach(ref));
  };
  for (const [apiVersion, kind, namespaced] of CORE_KINDS) {
    const name = byGvk.get(key(apiVersion, kind));
    if (!name) throw new Error(`Kubernetes ${KUBERNETES_SCHEMA_RELEASE} has no ${apiVersion} ${kind}`);
    // The object as written at the top level has its own definition: the same type embedded in
    // another (a StatefulSet's volumeClaimTemplates) has no apiVersion or kind to require.
    const root = `${name}.toplevel`;
    definitions[root] = topLevel(
      clean(withoutStatus(k8s[name]), (ref) => reach(ref)),
      apiVersion,
      kind,
    );
    kinds[key(apiVersion, kind)] = { definition: root, namespaced, source: `kubernetes ${KUBERNETES_SCHEMA_RELEASE}` };
  }

  for (const file of readdirSync(join(shared, 'crds'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(read(join(shared, 'crds', file)))) {
      const crd = doc.toJS() as CustomResourceDefinition | null;
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        if (!version.served) continue;
        const apiVersion = `${crd.spec.group}/${version.name}`;
        const kind = crd.spec.names.kind;
        const name = `crd.${crd.spec.group}.${version.name}.${kind}`;
        const schema = clean(version.schema.openAPIV3Schema, () => undefined);
        const properties = { ...(schema.properties as Record<string, Schema>), metadata: { $ref: `#/definitions/${OBJECT_META}` } };
        definitions[name] = topLevel(withoutStatus({ ...schema, properties }), apiVersion, kind);
        kinds[key(apiVersion, kind)] = { definition: name, namespaced: crd.spec.scope === 'Namespaced', source: basename(file) };
      }
    }
  }
  reach(OBJECT_META);
  shareRepeatedSubschemas(definitions);

  const out = {
    $comment: 'Generated by scripts/generate-schemas.ts. Do not edit: change the script or its inputs and run it again.',
    kubernetesVersion: KUBERNETES_SCHEMA_RELEASE,
    sources: sources.sort((a, b) => compare(a.file, b.file)),
    kinds: sortKeys(kinds),
    definitions: sortKeys(definitions),
  };
  writeFileSync(OUT, lineByEntry(out));
  process.stdout.write(`wrote ${OUT}: ${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions\n`);
}

interface CustomResourceDefinition {
  readonly kind: string;
  readonly spec: {
    readonly group: string;
    readonly scope: 'Namespaced' | 'Cluster';
    readonly names: { readonly kind: string };
    readonly versions: readonly { readonly name: string; readonly served: boolean; readonly schema: { readonly openAPIV3Schema: Schema } }[];
  };
}

/** A copy without documentation and extensions, closed against unknown fields, calling `onRef` for each definition used. */
function clean(schema: Schema, onRef: (name: string) => void): Schema {
  const out: Schema = {};
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [k, v] of Object.entries(schema)) {
    if (DROP.has(k) || k === 'x-kubernetes-preserve-unknown-fields' || k === 'x-kubernetes-int-or-string') continue;
    if (k === '$ref' && typeof v === 'string') {
      onRef(v.replace('#/definitions/', ''));
      out[k] = v;
    } else if (k === 'properties' || k === 'patternProperties') {
      const props: Record<string, Schema> = {};
      for (const [name, sub] of Object.entries(v as Record<string, Schema>)) props[name] = clean(sub, onRef);
      out[k] = props;
    } else if (k === 'enum' || k === 'required') {
      out[k] = v;
    } else if (k === 'pattern' && typeof v === 'string') {
      out[k] = toJsPattern(v);
    } else if (Array.isArray(v)) {
      const items: readonly unknown[] = v;
      out[k] = items.map((item) => (item && typeof item === 'object' ? clean(item as Schema, onRef) : item));
    } else if (v && typeof v === 'object') {
      out[k] = clean(v as Schema, onRef);
    } else {
      out[k] = v;
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true && !out.anyOf && !out.oneOf) out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  if (preserve) delete out.additionalProperties;
  else if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/**
 * CRDs repeat large subschemas (an ApplicationSet holds the Application template once per
 * generator; SecretStore and ClusterSecretStore share their spec). Each subschema that occurs
 * more than once and is not tiny becomes one shared definition, referenced where it was: the file
 * shrinks and ajv compiles each shared part once.
 */
function shareRepeatedSubschemas(definitions: Record<string, Schema>): void {
  const MIN_SIZE = 400;
  const counts = new Map<string, number>();
  for (const def of Object.values(definitions))
    eachSubschema(def, (sub) => {
      const text = JSON.stringify(sub);
      if (text.length >= MIN_SIZE) counts.set(text, (counts.get(text) ?? 0) + 1);
    });
  const shared = new Map<string, string>();
  for (const [text, n] of counts) if (n > 1) shared.set(text, `shared.${createHash('sha256').update(text).digest('hex').slice(0, 12)}`);

  const replace = (schema: Schema): Schema =>
    mapSubschemas(schema, (sub) => {
      const name = shared.get(JSON.stringify(sub));
      return name ? { $ref: `#/definitions/${name}` } : replace(sub);
    });
  for (const name of Object.keys(definitions)) definitions[name] = replace(definitions[name]);
  for (const [text, name] of shared) definitions[name] = replace(JSON.parse(text) as Schema);
}

/** Keywords whose value is a schema, a list of schemas, or a map of schemas. */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties']);

/** A copy of `schema` with each direct subschema replaced by `fn(subschema)`. */
function mapSubschemas(schema: Schema, fn: (sub: Schema) => Schema): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (SCHEMA_KEYWORDS.has(k) && v && typeof v === 'object' && !Array.isArray(v)) out[k] = fn(v as Schema);
    else if (SCHEMA_LIST_KEYWORDS.has(k) && Array.isArray(v)) out[k] = v.map((sub) => fn(sub as Schema));
    else if (SCHEMA_MAP_KEYWORDS.has(k)) out[k] = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([name, sub]) => [name, fn(sub)]));
    else out[k] = v;
  }
  return out;
}

/** Calls `fn` for every subschema below `schema`, depth first. */
function eachSubschema(schema: Schema, fn: (sub: Schema) => void): void {
  mapSubschemas(schema, (sub) => {
    fn(sub);
    eachSubschema(sub, fn);
    return sub;
  });
}

/**
 * CRD patterns are Go (RE2) regular expressions. JavaScript has no inline `(?i)`, so a leading
 * one (after an optional `^`) becomes explicit case classes; anything else that does not compile stops the generator.
 */
function toJsPattern(pattern: string): string {
  let out = pattern;
  const flag = /^\^?\(\?i\)/.exec(pattern);
  if (flag) {
    out = pattern.startsWith('^') ? '^' : '';
    let inClass = false;
    for (let i = flag[0].length; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '\\') {
        out += c + (pattern[++i] ?? '');
      } else if (/[a-z]/i.test(c)) {
        const both = c.toLowerCase() + c.toUpperCase();
        out += inClass ? both : `[${both}]`;
      } else {
        if (c === '[') inClass = true;
        if (c === ']') inClass = false;
        out += c;
      }
    }
  }
  new RegExp(out, 'u'); // throws on a pattern JavaScript cannot run
  return out;
}

/**
 * A kind's schema without `status`: the controllers write it, a manifest that carries one is a
 * mistake (so it becomes an unknown field), and its large schemas stay out of the file.
 */
function withoutStatus(schema: Schema): Schema {
  const properties = { ...(schema.properties as Record<string, Schema>) };
  delete properties.status;
  return { ...schema, properties };
}

/** The object itself: apiVersion and kind fixed, and identity required. */
function topLevel(schema: Schema, apiVersion: string, kind: string): Schema {
  const properties = {
    ...(schema.properties as Record<string, Schema>),
    apiVersion: { type: 'string', const: apiVersion },
    kind: { type: 'string', const: kind },
  };
  const required = [...new Set([...((schema.required as string[] | undefined) ?? []), 'apiVersion', 'kind', 'metadata'])];
  return { ...schema, type: 'object', properties, required, additionalProperties: false };
}

/** JSON with one line per kind and per definition, so a regeneration reviews as a readable diff. */
function lineByEntry(out: Record<string, unknown>): string {
  const fields = Object.entries(out).map(([k, v]) => {
    if (k !== 'kinds' && k !== 'definitions') return `${JSON.stringify(k)}: ${JSON.stringify(v)}`;
    const entries = Object.entries(v as Record<string, unknown>).map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)}`);
    return `${JSON.stringify(k)}: {\n${entries.join(',\n')}\n}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(record).sort(compare)) out[k] = record[k];
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

main(process.argv.slice(2));
