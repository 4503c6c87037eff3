import { App, Chart } from 'cdk8s';
import { Problems } from '../internal/errors';
import { SourcedDataStore } from '../model/data-store-definition';
import { ResolvedEnvironment } from '../model/resolved-environment';
import { resolveSharedDataStore } from '../environments/resolve-shared-data-store';
import { Manifest } from '../manifest/manifest';
import { DataStore, DataStoreProps } from '../stacks/data-store';
import { PlatformApp } from './platform-app';

/** A shared store's file: where it goes, and its objects. */
export interface RenderedDataStoreFile {
  readonly path: string;
  readonly environment: string;
  readonly source: string;
  readonly team: string;
  readonly manifests: readonly Manifest[];
}

/**
 * The shared data stores that run in the cluster in this environment, each as `<env>/<team>/<store>.yaml`,
 * admitting exactly the apps whose egress names it (what resolution derived from their `dependsOn`).
 * Resolution already reported every problem of a store, so one that does not resolve here renders nothing.
 */
export function renderDataStores(
  dataStores: readonly SourcedDataStore[],
  env: ResolvedEnvironment,
  apps: readonly Pick<PlatformApp, 'environment' | 'name' | 'namespace' | 'calls'>[],
): RenderedDataStoreFile[] {
  const files: RenderedDataStoreFile[] = [];
  for (const sourced of dataStores) {
    const shared = resolveSharedDataStore(sourced, env, new Problems());
    if (!shared?.store.inCluster) continue;
    const clients = apps
      .filter((app) => app.environment === env.name && app.calls.some((p) => p.app === shared.name && p.namespace === shared.namespace))
      .map((app) => ({ kind: 'app' as const, app: app.name, namespace: app.namespace, port: shared.store.port, protocol: 'TCP' as const }));
    files.push({
      path: `${env.name}/${shared.team}/${shared.name}.yaml`,
      environment: env.name,
      source: shared.source,
      team: shared.team,
      manifests: dataStoreManifests({ store: shared.store, owner: { ...shared, source: shared.source }, clients }),
    });
  }
  return files;
}

/** The seam to the stack that runs a store: today the data-store stack (lib/stacks/data-store.ts). */
export function dataStoreManifests(props: DataStoreProps): Manifest[] {
  const chart = new Chart(new App(), props.store.name, { disableResourceNameHashes: true });
  new DataStore(chart, 'data-store', props);
  return chart.toJson() as Manifest[];
}
