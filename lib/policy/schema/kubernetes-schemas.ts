import Ajv, { ValidateFunction } from 'ajv';
import { removedApi, TARGET_KUBERNETES } from '../api-lifecycle';
import { describeSchemaErrors, SchemaProblem } from './schema-errors';

/** The generated schema file (scripts/generate-schemas.ts writes it). */
interface SchemaBundle {
  readonly kubernetesVersion: string;
  readonly kinds: Readonly<Record<string, { readonly definition: string; readonly namespaced: boolean; readonly source: string }>>;
  readonly definitions: Readonly<Record<string, object>>;
}

const BUNDLE_ID = 'k8s';
const INT32 = 2 ** 31;

/**
 * Strict JSON-schema validation of Kubernetes objects: the Kubernetes 1.28.0 OpenAPI definitions
 * and the pinned CRDs, with every listed object closed to unknown fields. The schema file is read
 * on first use and each kind's validator compiled the first time an object of that kind is seen,
 * then cached: a fleet pays for the kinds it uses, once per process.
 */
export class KubernetesSchemas {
  private static instance?: KubernetesSchemas;

  /** One per process: the schemas never change while it runs, and compiling them is the expensive part. */
  static shared(): KubernetesSchemas {
    KubernetesSchemas.instance ??= new KubernetesSchemas();
    return KubernetesSchemas.instance;
  }

  private loaded?: { readonly bundle: SchemaBundle; readonly ajv: Ajv };
  private readonly validators = new Map<string, ValidateFunction>();

  /** The Kubernetes version the core schemas come from, e.g. '1.28.0'. */
  get kubernetesVersion(): string {
    return this.load().bundle.kubernetesVersion;
  }

  /** Every `apiVersion kind` with a schema, sorted. */
  get kinds(): readonly string[] {
    return Object.keys(this.load().bundle.kinds);
  }

  has(apiVersion: string, kind: string): boolean {
    return this.load().bundle.kinds[`${apiVersion} ${kind}`] !== undefined;
  }

  /** Problems of one object against the schema of its apiVersion and kind; none when it is valid. */
  validate(object: unknown): SchemaProblem[] {
    const o = object as { apiVersion?: unknown; kind?: unknown } | null;
    if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
      return [{ message: 'has no apiVersion and kind, so it is not a Kubernetes object' }];
    }
    const validator = this.validator(o.apiVersion, o.kind);
    if (!validator) return [{ field: 'apiVersion', message: this.noSchema(o.apiVersion, o.kind) }];
    if (validator(object)) return [];
    return describeSchemaErrors(validator.errors ?? []);
  }

  private validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = `${apiVersion} ${kind}`;
    const cached = this.validators.get(key);
    if (cached) return cached;
    const { bundle, ajv } = this.load();
    const entry = bundle.kinds[key];
    if (!entry) return undefined;
    const validator = ajv.getSchema(`${BUNDLE_ID}#/definitions/${entry.definition}`);
    if (!validator) throw new Error(`bug: schema definition ${entry.definition} of ${key} is missing`);
    this.validators.set(key, validator);
    return validator;
  }

  private noSchema(apiVersion: string, kind: string): string {
    const removed = removedApi(apiVersion, kind);
    if (removed) return `no schema for ${apiVersion} ${kind}: removed in ${removed.removedIn}; use ${removed.use}`;
    const others = this.kinds.filter((k) => k.endsWith(` ${kind}`)).map((k) => k.split(' ')[0]);
    const hint = others.length > 0 ? `; ${kind} is known as ${others.join(', ')}` : '; the platform validates only the kinds it emits (see lib/policy/schema)';
    return `no schema for ${apiVersion} ${kind} in Kubernetes ${TARGET_KUBERNETES} or the pinned CRDs${hint}`;
  }

  private load(): { bundle: SchemaBundle; ajv: Ajv } {
    if (this.loaded) return this.loaded;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundle = require('./data/k8s-1.28-schemas.json') as SchemaBundle;
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      strictTuples: false,
      strictRequired: false,
      formats: {
        int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
        int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
        double: { type: 'number', validate: () => true },
        byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
        'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
      },
    });
    ajv.addSchema({ $id: BUNDLE_ID, definitions: bundle.definitions });
    this.loaded = { bundle, ajv };
    return this.loaded;
  }
}
