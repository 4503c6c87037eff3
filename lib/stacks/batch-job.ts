import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appJob } from '../workload/job';
import { appClaims } from '../workload/persistent-volume-claim';
import { AppStack, AppStackProps } from './app-stack';

/**
 * Work run once per release: a Job `<app>-<release>` (see appJob), the claims of its persistent
 * volumes (a checkpoint folder that outlives the pods and the release), and every stack's
 * ServiceAccount, default-deny NetworkPolicy, config and secrets. Argo CD applies the Job like any
 * object: a new release's name is a new Job, and the old one is pruned with the release it ran.
 */
export class BatchJob extends AppStack {
  readonly job: k8s.KubeJob;
  /** One per persistent volume, shared by the Job's pods (and kept from release to release). */
  readonly claims: readonly k8s.KubePersistentVolumeClaim[];

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props, 'batch-job');
    this.job = appJob(this, props.app);
    this.claims = appClaims(this, props.app);
  }
}
