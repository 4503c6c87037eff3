import { find, kinds, synthApp, testEnvironment, webDef } from '../helpers';

describe('the ConfigMap', () => {
  test('holds the config, named after the app', () => {
    const configMap = find(synthApp(webDef({ config: { B: '2', A: '1' } })), 'ConfigMap', 'checkout');
    expect(configMap.data).toEqual({ A: '1', B: '2' });
    expect(Object.keys(configMap.data)).toEqual(['A', 'B']);
  });

  test("holds this environment's override values", () => {
    const def = webDef({ config: { URL: 'shared' }, environments: { dev: { config: { URL: 'dev' } } } });
    expect(find(synthApp(def, testEnvironment({ name: 'dev' })), 'ConfigMap', 'checkout').data).toEqual({ URL: 'dev' });
  });

  test('is not created when the app has no config', () => {
    expect(kinds(synthApp(webDef()))).not.toContain('ConfigMap');
  });
});
