import { synthApp, testEnvironment, webDef } from '../helpers';
import { appContainer } from './pod';

describe('container resources', () => {
  test('requests CPU, memory and ephemeral storage', () => {
    const { resources } = appContainer(synthApp(webDef()), 'Deployment', 'checkout');
    expect(resources.requests).toEqual({ cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' });
  });

  test('limits memory to the request and ephemeral storage, with no CPU limit', () => {
    const { resources } = appContainer(synthApp(webDef()), 'Deployment', 'checkout');
    expect(resources.limits).toEqual({ memory: '128Mi', 'ephemeral-storage': '1Gi' });
  });

  test('sets a CPU limit when one is given', () => {
    const { resources } = appContainer(synthApp(webDef({ resources: { cpu: '250m', cpuLimit: '1' } })), 'Deployment', 'checkout');
    expect(resources.requests.cpu).toBe('250m');
    expect(resources.limits.cpu).toBe('1');
  });

  test('writes the per-environment values', () => {
    const def = webDef({ resources: { memory: '256Mi' }, environments: { staging: { resources: { memory: '128Mi' } } } });
    expect(appContainer(synthApp(def), 'Deployment', 'checkout').resources.limits.memory).toBe('256Mi');
    expect(appContainer(synthApp(def, testEnvironment({ name: 'staging' })), 'Deployment', 'checkout').resources.limits.memory).toBe('128Mi');
  });
});
