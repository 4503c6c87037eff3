import { Replicas } from '../../../lib/model/replicas';
import { batchDef, GPU_POOLS, testEnvironment, webDef, workerDef } from '../../helpers';
import { appTree, flagged, review } from '../tree-fixtures';

// The test environments have no profile: 1 replica, 100m CPU and 128Mi memory per pod.
describe('capacity', () => {
  test('gives the change in requests at min and at max, and the workloads behind it', () => {
    const before = appTree([webDef({ name: 'web' })]);
    const after = appTree([webDef({ name: 'web', replicas: Replicas.autoscale({ min: 2, max: 4 }), resources: { cpu: '250m', memory: '256Mi' } })]);
    const [flag] = review(before, after).risks.filter((r) => r.rule === 'capacity/requests');
    // min: 2 x 0.25 - 0.1 = +0.4 vCPU, 2 x 0.25 - 0.125 = +0.375 GiB; max: 4 x 0.25 - 0.1 = +0.9 vCPU, 4 x 0.25 - 0.125 = +0.875 GiB
    expect(flag.message).toBe('requests +0.4 vCPU, +0.375 GiB at min; +0.9 vCPU, +0.875 GiB at max (now 0.5..1 vCPU, 0.5..1 GiB)');
    expect(flag.details).toEqual(['Deployment shop/web: pods 1 -> 2..4; requests per pod 0.1 vCPU, 0.125 GiB -> 0.25 vCPU, 0.25 GiB']);
  });

  test('counts a new workload and a removed one', () => {
    const before = appTree([webDef({ name: 'web' }), workerDef({ name: 'old' })]);
    const after = appTree([webDef({ name: 'web' }), workerDef({ name: 'new', replicas: Replicas.fixed(3) })]);
    const [flag] = review(before, after).risks.filter((r) => r.rule === 'capacity/requests');
    expect(flag.message).toBe('requests +0.2 vCPU, +0.25 GiB at min; +0.2 vCPU, +0.25 GiB at max (now 0.4 vCPU, 0.5 GiB)');
    expect(flag.details).toEqual(['Deployment shop/new: new, 3 pods x 0.1 vCPU, 0.125 GiB', 'Deployment shop/old: removed, was 1 pod x 0.1 vCPU, 0.125 GiB']);
  });

  test('is raised per environment, only where requests change', () => {
    const envs = [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })];
    const before = appTree([webDef({ name: 'web' })], envs);
    const after = appTree([webDef({ name: 'web', environments: { prod: { replicas: Replicas.fixed(2) } } })], envs);
    expect(flagged(review(before, after), 'capacity/requests')).toEqual([
      'prod: requests +0.1 vCPU, +0.125 GiB at min; +0.1 vCPU, +0.125 GiB at max (now 0.2 vCPU, 0.25 GiB)',
    ]);
  });

  test('is not raised when only other fields change', () => {
    const before = appTree([webDef({ name: 'web' })]);
    const after = appTree([webDef({ name: 'web', env: { MODE: 'fast' }, resources: { memoryLimit: '1Gi' } })]);
    expect(review(before, after).risks.filter((r) => r.family === 'capacity')).toEqual([]);
  });

  test("is raised when a job's GPUs change, even at the same CPU and memory", () => {
    const envs = [testEnvironment({ gpus: GPU_POOLS })];
    const gpuJob = (count: number) => batchDef({ gpu: { count, type: 'a100' }, resources: { cpuLimit: '4', memoryLimit: '16Gi' } });
    const [flag] = review(appTree([gpuJob(1)], envs), appTree([gpuJob(4)], envs)).risks.filter((r) => r.rule === 'capacity/requests');
    expect(flag.message).toBe(
      'requests ±0 vCPU, ±0 GiB at min; ±0 vCPU, ±0 GiB at max (now 0..0.1 vCPU, 0..0.125 GiB); GPUs ±0 GPU at min, +3 GPU at max (now 0..4)',
    );
    expect(flag.details).toEqual(['Job shop/training-3-1-0: GPUs per pod 1 -> 4']);
  });
});
