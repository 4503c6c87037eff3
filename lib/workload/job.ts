import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { ResolvedJob } from '../model/batch';
import { ResolvedApp } from '../model/resolved-app';
import { podTemplate } from './pod-template';

/** The label Kueue reads to put a Job in a LocalQueue. */
const KUEUE_QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
const SHM_VOLUME = 'shm';

/**
 * A batch job's Job, `<app>-<release>`: the golden-path pod (restartPolicy Never, which a pod
 * failure policy requires) with its GPUs requested and limited alike, on the GPU type's nodes and
 * the spot nodes when asked, and an in-memory /dev/shm. With a Kueue queue it starts suspended:
 * Kueue un-suspends it when the queue admits it.
 */
export function appJob(scope: Construct, app: ResolvedApp): k8s.KubeJob {
  const job = app.job;
  if (!job) throw new Error(`bug: ${app.source}: batch job resolved without a job`);
  const queued = job.queue !== undefined;
  const metadata = appMetadata(app, job.jobName);
  return new k8s.KubeJob(scope, 'job', {
    metadata: queued ? { ...metadata, labels: { ...metadata.labels, [KUEUE_QUEUE_LABEL]: job.queue } } : metadata,
    spec: {
      ...(queued ? { suspend: true } : {}),
      parallelism: job.parallelism,
      completions: job.completions,
      completionMode: job.completionMode,
      backoffLimit: job.backoffLimit,
      activeDeadlineSeconds: job.activeDeadlineSeconds,
      ...(job.ignoreDisruptions
        ? { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } }
        : {}),
      template: jobPod(podTemplate(app, { spread: false, restartPolicy: 'Never' }), job),
    },
  });
}

/** Adds what a batch pod asks of its nodes to the golden-path pod: GPUs, placement, shared memory. */
function jobPod(template: k8s.PodTemplateSpec, job: ResolvedJob): k8s.PodTemplateSpec {
  const spec = template.spec;
  if (!spec) throw new Error('bug: the golden-path pod template has no spec');
  const [container, ...others] = spec.containers;
  const gpus = job.gpu && { [job.gpu.resource]: k8s.Quantity.fromNumber(job.gpu.count) };
  const shm = job.sharedMemory !== undefined;
  const required = Object.entries(job.requiredNodeLabels);
  return {
    ...template,
    spec: {
      ...spec,
      ...(Object.keys(job.nodeSelector).length ? { nodeSelector: { ...job.nodeSelector } } : {}),
      ...(required.length
        ? {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: required.map(([key, value]) => ({ key, operator: 'In', values: [value] })) }],
                },
              },
            },
          }
        : {}),
      ...(job.tolerations.length ? { tolerations: job.tolerations.map((t) => ({ ...t })) } : {}),
      containers: [
        {
          ...container,
          // An extended resource is never overcommitted: its request must equal its limit.
          resources: gpus
            ? { requests: { ...container.resources?.requests, ...gpus }, limits: { ...container.resources?.limits, ...gpus } }
            : container.resources,
          ...(shm ? { volumeMounts: [...(container.volumeMounts ?? []), { name: SHM_VOLUME, mountPath: '/dev/shm' }] } : {}),
        },
        ...others,
      ],
      ...(shm
        ? {
            volumes: [
              ...(spec.volumes ?? []),
              { name: SHM_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString(job.sharedMemory ?? '') } },
            ],
          }
        : {}),
    },
  };
}
