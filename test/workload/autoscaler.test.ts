import { Replicas } from '../../lib/model/replicas';
import { find, kinds, synthApp, webDef, workerDef } from '../helpers';

describe('the HorizontalPodAutoscaler', () => {
  const hpa = find(synthApp(webDef({ replicas: Replicas.autoscale({ min: 2, max: 10 }) })), 'HorizontalPodAutoscaler', 'checkout');

  test('is autoscaling/v2 and scales the Deployment of the same name', () => {
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout' });
  });

  test('scales between the resolved bounds', () => {
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.maxReplicas).toBe(10);
  });

  test('aims at 70% average CPU utilisation, and at nothing else, by default', () => {
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  test('scales up at once and down slowly', () => {
    expect(hpa.spec.behavior.scaleUp.stabilizationWindowSeconds).toBe(0);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
    expect(hpa.spec.behavior.scaleDown.policies).toEqual([{ type: 'Percent', value: 50, periodSeconds: 60 }]);
  });

  test('aims at the declared CPU and memory utilisation', () => {
    const custom = find(
      synthApp(workerDef({ replicas: Replicas.autoscale({ min: 1, max: 4, cpuUtilization: 60, memoryUtilization: 80 }) })),
      'HorizontalPodAutoscaler',
      'mailer',
    );
    const target = (name: string) => custom.spec.metrics.find((m: { resource: { name: string } }) => m.resource.name === name).resource.target;
    expect(custom.spec.metrics).toHaveLength(2);
    expect(target('cpu')).toEqual({ type: 'Utilization', averageUtilization: 60 });
    expect(target('memory')).toEqual({ type: 'Utilization', averageUtilization: 80 });
  });

  test('is not created when replicas are fixed', () => {
    expect(kinds(synthApp(webDef({ replicas: Replicas.fixed(2) })))).not.toContain('HorizontalPodAutoscaler');
  });
});
