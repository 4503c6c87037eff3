import { ResolvedDns, ResolvedPeer } from './resolved-app';
import { ResolvedDataStore } from './resolved-data-store';

/** What a placeholder of an address template may stand for. */
export interface AddressParts {
  /** The host the caller dials: the Service's cluster name, or the external host. */
  readonly host: string;
  readonly port: number;
  /** The Service's short name. */
  readonly name: string;
  readonly namespace: string;
  /** Shared data stores: the user and database callers connect as and to. */
  readonly user?: string;
  readonly database?: string;
}

/** A shared data store in one environment: where it is, how its callers reach it, and (in the cluster) what runs. */
export interface ResolvedSharedDataStore {
  readonly name: string;
  readonly team: string;
  readonly source: string;
  readonly environment: string;
  readonly namespace: string;
  /** What the data-store stack renders, in the cluster; its address and blocks, outside. */
  readonly store: ResolvedDataStore;
  /** What a caller's address template may use. */
  readonly address: AddressParts;
  /** What each caller may reach: the store's pods, or its address blocks. */
  readonly callerEgress: readonly ResolvedPeer[];
  /** The labels, annotations and DNS peers of the store's objects, as an app's would be. */
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly dns: ResolvedDns;
}
