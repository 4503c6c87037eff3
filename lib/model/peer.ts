/** Who an app may talk to, or be reached from, beyond what the platform allows by default. */

export interface AppPeer {
  readonly kind: 'app';
  readonly app: string;
  /** @default - the app's own namespace */
  readonly namespace?: string;
  readonly port?: number;
}

export interface NamespacePeer {
  readonly kind: 'namespace';
  readonly namespace: string;
  readonly port?: number;
}

export interface CidrPeer {
  readonly kind: 'cidr';
  readonly cidr: string;
  readonly port?: number;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP';
}

export type Peer = AppPeer | NamespacePeer | CidrPeer;

export const Peer = {
  app: (app: string, options: { namespace?: string; port?: number } = {}): AppPeer => ({ kind: 'app', app, ...options }),
  namespace: (namespace: string, options: { port?: number } = {}): NamespacePeer => ({ kind: 'namespace', namespace, ...options }),
  cidr: (cidr: string, options: { port?: number; protocol?: 'TCP' | 'UDP' } = {}): CidrPeer => ({ kind: 'cidr', cidr, ...options }),
};
