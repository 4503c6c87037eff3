import { ExternalDataStore } from './dependency';
import { SecretRef } from './secret';

/**
 * A database or cache of its own, declared once in the owning team's folder
 * (`apps/bank/accounts-db.ts`) and depended on by any app of any team, by its definition
 * (`dependsOn: [accountsDb]`) or by name (`Dependency.on('bank/accounts-db')`). Each caller gets
 * its address variable and both NetworkPolicy sides: the store admits only the apps that depend
 * on it in that environment. Where it runs is the environment's choice (its profile's
 * `dataStores`) unless `inCluster` names the environment.
 */
export interface DataStoreProps<E extends string = string> {
  /** Names the store's objects and its callers' variable (`ACCOUNTS_DB_ADDR`). A DNS label. */
  readonly name: string;
  /** The owning team: the store runs in its namespace. */
  readonly team: string;
  readonly engine: 'postgres' | 'redis';
  /**
   * An image of the engine with the schema and seed data baked in (as demo and test environments
   * use), with a tag or digest. @default - the platform's pinned image of the engine
   */
  readonly image?: string;
  /** Postgres: the database created at first start (`POSTGRES_DB`). @default - the engine's ('postgres') */
  readonly database?: string;
  /** Postgres: the user created at first start (`POSTGRES_USER`). @default - the engine's ('postgres') */
  readonly user?: string;
  /**
   * Postgres: the user's password in the platform's secret store. With it, the in-cluster store
   * asks for passwords (`POSTGRES_PASSWORD` from an ExternalSecret) instead of trusting its callers.
   * @default - trust: only the callers may reach the store (NetworkPolicy)
   */
  readonly password?: SecretRef;
  /** Init-time settings of the engine's image, as environment variables (e.g. `POSTGRES_INITDB_ARGS`). @default - none */
  readonly settings?: Readonly<Record<string, string>>;
  /** Volume size in the cluster. @default - the platform's ('1Gi') */
  readonly storage?: string;
  /** Environments that run the store in the cluster even where their profile keeps stores external. @default - none */
  readonly inCluster?: readonly E[];
  /** The store's address in each environment that keeps it outside the cluster. @default - none */
  readonly external?: Partial<Record<E, ExternalDataStore>>;
}

export type DataStoreDefinition = DataStoreProps & { readonly kind: 'data-store' };

/** A shared data store's definition and the file it came from. */
export interface SourcedDataStore {
  readonly definition: DataStoreDefinition;
  readonly source: string;
}
