/**
 * The callee of an app dependency as this module sees it: any app definition (what
 * `import payments from '../payments/gateway'` gives). Structural, so that app-definition.ts
 * (whose `dependsOn` lists dependencies) and this file do not import each other.
 */
export interface AppRef {
  readonly kind: 'web-service' | 'worker' | 'scheduled-task' | 'stateful-service' | 'batch-job' | 'data-store';
  readonly team: string;
  readonly name: string;
}

/**
 * What an app calls. Declared once, on the caller; the platform derives both sides of the
 * NetworkPolicy (the caller's egress, the callee's ingress) and the caller's address variable
 * from it, so the code and the network rules cannot drift apart.
 */
export interface AppDependency {
  readonly kind: 'app';
  /**
   * The callee: its definition (imported from its file: `import payments from '../payments/gateway'`),
   * a shared data store's (`dataStore({...})`), or, where imports would be circular, its `'team/name'`.
   */
  readonly app: AppRef | string;
  /** Name of the callee's port to call. @default - its serving port */
  readonly port?: string;
  /** Name of the variable that receives `host:port`. @default `<CALLEE>_ADDR`, e.g. PAYMENT_GATEWAY_ADDR */
  readonly env?: string;
  /**
   * The variable's shape, when the app reads a URL rather than `host:port`: a template of
   * `{host}`, `{port}`, `{name}` (the Service's short name) and `{namespace}`, plus `{user}` and
   * `{database}` for a shared data store, e.g. `'http://{host}:{port}/echo'` or
   * `'postgresql://{user}@{host}:{port}/{database}'`. Any other placeholder is an error.
   * @default '{host}:{port}'
   */
  readonly url?: string;
}

/** A service outside the cluster, reached at `host:port` through the given address blocks. */
export interface HostDependency {
  readonly kind: 'host';
  /** Short name; the variable is `<NAME>_ADDR`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** Address blocks the host resolves into (NetworkPolicies match addresses, not names). */
  readonly cidrs: readonly string[];
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

/** Where an external data store is, in one environment. */
export interface ExternalDataStore {
  readonly host: string;
  /** @default - the engine's port (5432 for postgres, 6379 for redis) */
  readonly port?: number;
  /** Address blocks the host resolves into. */
  readonly cidrs: readonly string[];
}

/**
 * A database or cache the app owns. Where it runs is the environment's choice (its profile's
 * `dataStores`): in the cluster, a small StatefulSet with a volume, for dev; external, at the
 * address given here for that environment, for staging and prod. The app gets `<NAME>_ADDR`.
 */
export interface DataStoreDependency {
  readonly kind: 'datastore';
  /** Short name; the in-cluster objects are `<app>-<name>`. */
  readonly name: string;
  readonly engine: 'postgres' | 'redis';
  /** The store's address in each environment that keeps its stores outside the cluster. @default - none */
  readonly external?: Readonly<Record<string, ExternalDataStore>>;
  /** Volume size in the cluster. @default '1Gi' */
  readonly storage?: string;
}

export type Dependency = AppDependency | HostDependency | DataStoreDependency;

/** An entry of `dependsOn`: an app definition itself, or a dependency built with `Dependency`. */
export type DependsOn = AppRef | Dependency;

export const Dependency = {
  on: (app: AppRef | string, options: { port?: string; env?: string; url?: string } = {}): AppDependency => ({ kind: 'app', app, ...options }),
  host: (name: string, options: { host: string; port: number; cidrs: readonly string[]; protocol?: 'TCP' | 'UDP' }): HostDependency => ({
    kind: 'host',
    name,
    ...options,
  }),
  postgres: (name: string, options: Omit<DataStoreDependency, 'kind' | 'name' | 'engine'> = {}): DataStoreDependency => ({
    kind: 'datastore',
    name,
    engine: 'postgres',
    ...options,
  }),
  redis: (name: string, options: Omit<DataStoreDependency, 'kind' | 'name' | 'engine'> = {}): DataStoreDependency => ({
    kind: 'datastore',
    name,
    engine: 'redis',
    ...options,
  }),
};
