import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AppKind } from '../model/app-definition';
import { ResolvedApp } from '../model/resolved-app';
import { appNetworkPolicy } from '../network/network-policy';
import { appConfigFiles } from '../workload/config-files';
import { appConfigMap } from '../workload/config-map';
import { appExternalSecret, ExternalSecret } from '../workload/external-secret';
import { appServiceAccount } from '../workload/service-account';
import { appDataStoreProps, DataStore } from './data-store';

export interface AppStackProps {
  /** The app in one environment, fully resolved. */
  readonly app: ResolvedApp;
}

/**
 * What every golden-path stack has: its own ServiceAccount, a default-deny NetworkPolicy and,
 * when configured, a ConfigMap, a ConfigMap of files (`<app>-files`) and an ExternalSecret. Each
 * part is a public field: the escape hatch for what the props do not cover
 * (`stack.deployment.addJsonPatch(...)`), checked by policy like the rest.
 */
export abstract class AppStack extends Construct {
  readonly app: ResolvedApp;
  readonly serviceAccount: k8s.KubeServiceAccount;
  readonly networkPolicy: k8s.KubeNetworkPolicy;
  readonly configMap?: k8s.KubeConfigMap;
  /** The ConfigMap `<app>-files`, when the app has config files. */
  readonly configFiles?: k8s.KubeConfigMap;
  /** The ExternalSecret that writes the Secret `<app>-secrets`, when the app has secrets. */
  readonly externalSecret?: ExternalSecret;
  /** The app's databases and caches that run in the cluster in this environment. */
  readonly dataStores: readonly DataStore[];

  protected constructor(scope: Construct, id: string, props: AppStackProps, kind: AppKind) {
    super(scope, id);
    if (props.app.kind !== kind) {
      throw new Error(`bug: ${props.app.source}: a ${props.app.kind} app was given to the ${kind} stack`);
    }
    this.app = props.app;
    this.serviceAccount = appServiceAccount(this, props.app);
    this.configMap = appConfigMap(this, props.app);
    this.configFiles = appConfigFiles(this, props.app);
    this.externalSecret = appExternalSecret(this, props.app);
    this.networkPolicy = appNetworkPolicy(this, props.app);
    this.dataStores = props.app.dataStores
      .filter((s) => s.inCluster)
      .map((store) => new DataStore(this, `data-store-${store.name}`, appDataStoreProps(props.app, store)));
  }
}
