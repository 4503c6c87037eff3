import type { ValidateFunction } from 'ajv';
import { KUBERNETES_SCHEMA_FILES, KUBERNETES_SCHEMA_RELEASE } from '../../model/kubernetes-version';
import { removedApi, TARGET_KUBERNETES } from '../api-lifecycle';
import { describeSchemaErrors, SchemaProblem } from './schema-errors';
import { SchemaBundle } from './schema-bundle';

/**
 * Strict JSON-schema validation of Kubernetes objects: the Kubernetes OpenAPI definitions (KUBERNETES_SCHEMA_RELEASE)
 * and the pinned CRDs, with every listed object closed to unknown fields. The validators are ajv
 * code generated ahead of time from the schema file (scripts/compile-validators.ts), loaded on first use.
 */
export class KubernetesSchemas {
  private static instance?: KubernetesSchemas;

  /** One per process: the schemas never change while it runs, and loading them is the expensive part. */
  static shared(): KubernetesSchemas {
    KubernetesSchemas.instance ??= new KubernetesSchemas();
    return KubernetesSchemas.instance;
  }

  private loadedBundle?: SchemaBundle;
  private loadedValidators?: Readonly<Record<string, ValidateFunction>>;

  /**
   * The Kubernetes version the core schemas come from, e.g. '1.28.0': the release the schema file
   * is generated from and named after, so a check report (which states it) need not load the file.
   */
  get kubernetesVersion(): string {
    return KUBERNETES_SCHEMA_RELEASE;
  }

  /** Every `apiVersion kind` with a schema, sorted. */
  get kinds(): readonly string[] {
    return Object.keys(this.bundle().kinds);
  }

  has(apiVersion: string, kind: string): boolean {
    return this.bundle().kinds[`${apiVersion} ${kind}`] !== undefined;
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
    if (!this.bundle().kinds[key]) return undefined;
    const validator = this.validators()[key];
    if (!validator) throw new Error(`bug: the generated validators lack ${key}; run: npm run validators`);
    return validator;
  }

  private noSchema(apiVersion: string, kind: string): string {
    const removed = removedApi(apiVersion, kind);
    if (removed) return `no schema for ${apiVersion} ${kind}: removed in ${removed.removedIn}; use ${removed.use}`;
    const others = this.kinds.filter((k) => k.endsWith(` ${kind}`)).map((k) => k.split(' ')[0]);
    const hint = others.length > 0 ? `; ${kind} is known as ${others.join(', ')}` : '; the platform validates only the kinds it emits (see lib/policy/schema)';
    return `no schema for ${apiVersion} ${kind} in Kubernetes ${TARGET_KUBERNETES} or the pinned CRDs${hint}`;
  }

  /* eslint-disable @typescript-eslint/no-require-imports */
  private bundle(): SchemaBundle {
    this.loadedBundle ??= require(`./data/${KUBERNETES_SCHEMA_FILES.schemas}`) as SchemaBundle;
    return this.loadedBundle;
  }

  /** The 3.9 MB of generated validators, loaded apart from the bundle: a run that validates nothing (every object's result in the render cache) never loads them. */
  private validators(): Readonly<Record<string, ValidateFunction>> {
    this.loadedValidators ??= require(`./data/${KUBERNETES_SCHEMA_FILES.validators}`) as Readonly<Record<string, ValidateFunction>>;
    return this.loadedValidators;
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
