import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { AppKind } from '../model/app-definition';
import { ResolvedApp } from '../model/resolved-app';
import { appNetworkPolicy } from '../network/network-policy';
import { appConfigMap } from '../workload/config-map';
import { appServiceAccount } from '../workload/service-account';

export interface AppStackProps {
  /** The app in one environment, fully resolved. */
  readonly app: ResolvedApp;
}

/**
 * What every golden-path stack has: its own ServiceAccount, a default-deny NetworkPolicy and,
 * when configured, a ConfigMap. Each part is a public field: the escape hatch for what the
 * props do not cover (`stack.deployment.addJsonPatch(...)`), checked by policy like the rest.
 */
export abstract class AppStack extends Construct {
  readonly app: ResolvedApp;
  readonly serviceAccount: k8s.KubeServiceAccount;
  readonly networkPolicy: k8s.KubeNetworkPolicy;
  readonly configMap?: k8s.KubeConfigMap;

  protected constructor(scope: Construct, id: string, props: AppStackProps, kind: AppKind) {
    super(scope, id);
    if (props.app.kind !== kind) {
      throw new Error(`bug: ${props.app.source}: a ${props.app.kind} app was given to the ${kind} stack`);
    }
    this.app = props.app;
    this.serviceAccount = appServiceAccount(this, props.app);
    this.configMap = appConfigMap(this, props.app);
    this.networkPolicy = appNetworkPolicy(this, props.app);
  }
}
