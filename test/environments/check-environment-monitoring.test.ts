import { checkEnvironmentMonitoring } from '../../lib/environments/check-environment-monitoring';
import { Problems } from '../../lib/internal/errors';
import { PLATFORM_DEFAULTS } from '../../lib/environments/platform-defaults';
import { testEnvironment } from '../helpers';

describe('checkEnvironmentMonitoring', () => {
  test('reports each bad setting once, against apps/environments.ts', () => {
    const problems = new Problems();
    const env = testEnvironment({
      name: 'staging',
      monitoring: { scrapeInterval: 'often', grafanaUrl: 'grafana.{domain}', ruleLabels: { 'bad key!': 'x', release: 'ok' }, dashboardFolder: '{team}' },
    });
    checkEnvironmentMonitoring(env, problems);
    expect(problems.all.map((p) => [p.source, p.environment, p.code, p.field, p.value])).toEqual([
      ['apps/environments.ts', 'staging', 'E_MONITORING_SETTING', 'monitoring.grafanaUrl', 'grafana.{domain}'],
      ['apps/environments.ts', 'staging', 'E_MONITORING_SETTING', 'monitoring.ruleLabels.bad key!', 'x'],
      ['apps/environments.ts', 'staging', 'E_MONITORING_SETTING', 'monitoring.scrapeInterval', 'often'],
    ]);
    expect(problems.all[2].fix).toBe('fix environments.staging.monitoring.scrapeInterval in apps/environments.ts');
  });

  test('the platform defaults and an environment without monitoring settings pass', () => {
    const problems = new Problems();
    checkEnvironmentMonitoring(testEnvironment(), problems);
    // The defaults are the input here, not the expectation: whatever they are, the check must accept them.
    checkEnvironmentMonitoring(testEnvironment({ monitoring: { ...PLATFORM_DEFAULTS.monitoring } }), problems);
    expect(problems.all).toEqual([]);
  });
});
