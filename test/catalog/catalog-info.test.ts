import { parse } from 'yaml';
import { catalogFiles } from '../../lib/catalog/catalog-files';
import { Peer } from '../../lib/model/peer';
import { renderFleet } from '../../lib/pipeline/render-fleet';
import { AppDefinition } from '../../lib/model/app-definition';
import { sourced, taskDef, testEnvironment, webDef, workerDef } from '../helpers';

const environments = [
  testEnvironment({ name: 'dev', domain: 'dev.acme.dev' }),
  testEnvironment({ name: 'prod', domain: 'acme.dev', monitoring: { runbookUrl: 'https://wiki.acme.dev/runbooks/{env}/{alert}' } }),
];
const gitops = { repoURL: 'https://github.com/acme/platform.git', targetRevision: 'main' };
const apps = (...definitions: AppDefinition[]) => renderFleet({ apps: definitions.map((d) => sourced(d)), environments }).map((r) => r.app);
const entity = (files: Map<string, string>, path: string) => parse(files.get(path)!.split('\n').slice(1).join('\n'));

describe('catalog-info: a Backstage Component per app', () => {
  const files = catalogFiles(
    apps(
      webDef({
        name: 'web',
        description: 'The shop front.',
        metricsPort: 9090,
        network: { egress: [Peer.app('mailer'), Peer.app('billing', { namespace: 'payments' })] },
      }),
      workerDef({ name: 'mailer' }),
      taskDef({ name: 'report', team: 'ops', environments: { prod: { suspend: true } } }),
    ),
    { gitops },
  );

  test('describes a web service: owner, system, type, lifecycle from the environments', () => {
    const web = entity(files, 'catalog/shop/web.yaml');
    expect(web.apiVersion).toBe('backstage.io/v1alpha1');
    expect(web.kind).toBe('Component');
    expect(web.metadata.name).toBe('web');
    expect(web.metadata.description).toBe('The shop front.');
    expect(web.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/shop',
      system: 'system:default/shop',
      dependsOn: ['component:shop/mailer'],
    });
    expect(web.metadata.tags).toEqual(['golden-path', 'web-service']);
  });

  test('links the dashboard of every environment, production first, and the runbooks', () => {
    expect(entity(files, 'catalog/shop/web.yaml').metadata.links).toEqual([
      { url: 'https://grafana.acme.dev/d/shop_web', title: 'Dashboard (prod)', icon: 'dashboard', type: 'dashboard' },
      { url: 'https://grafana.dev.acme.dev/d/shop_web', title: 'Dashboard (dev)', icon: 'dashboard', type: 'dashboard' },
      { url: 'https://wiki.acme.dev/runbooks/prod/', title: 'Runbooks (golden-path alerts)', icon: 'docs', type: 'runbook' },
    ]);
  });

  test("links the app's own runbook when its SLO names one", () => {
    const own = catalogFiles(apps(webDef({ name: 'web', metricsPort: 9090, slo: { availability: 99.9, runbookUrl: 'https://wiki.acme.dev/shop/web' } })), {});
    expect(entity(own, 'catalog/shop/web.yaml').metadata.links.at(-1)).toEqual({
      url: 'https://wiki.acme.dev/shop/web',
      title: 'Runbook',
      icon: 'docs',
      type: 'runbook',
    });
  });

  test('points Backstage at the definition file and the pods', () => {
    expect(entity(files, 'catalog/shop/web.yaml').metadata.annotations).toEqual({
      'backstage.io/kubernetes-label-selector': 'app.kubernetes.io/instance=web,app.kubernetes.io/name=web',
      'backstage.io/kubernetes-namespace': 'shop',
      'backstage.io/source-location': 'url:https://github.com/acme/platform/tree/main/apps/shop/',
      'backstage.io/view-url': 'https://github.com/acme/platform/blob/main/apps/shop/web.ts',
      'backstage.io/edit-url': 'https://github.com/acme/platform/edit/main/apps/shop/web.ts',
    });
  });

  test('gives workers and scheduled tasks their types; a task suspended in prod is experimental', () => {
    expect(entity(files, 'catalog/shop/mailer.yaml').spec).toMatchObject({ type: 'worker', lifecycle: 'production' });
    const report = entity(files, 'catalog/ops/report.yaml');
    expect(report.spec).toMatchObject({ type: 'job', lifecycle: 'experimental', owner: 'group:default/ops', system: 'system:default/ops' });
    expect(report.metadata.links.map((l: { type: string }) => l.type)).toEqual(['runbook']);
  });

  test('is experimental where no environment serves production', () => {
    const devOnly = catalogFiles(renderFleet({ apps: [sourced(webDef({ name: 'web' }))], environments: [environments[0]] }).map((r) => r.app));
    expect(entity(devOnly, 'catalog/shop/web.yaml').spec.lifecycle).toBe('experimental');
  });

  test("keeps a team's component name when another team adds an app of the same name: each team is its own Backstage namespace", () => {
    const alone = catalogFiles(apps(webDef({ name: 'api', team: 'shop' })));
    const both = catalogFiles(apps(webDef({ name: 'api', team: 'shop' }), webDef({ name: 'api', team: 'ops' })));
    expect(entity(both, 'catalog/shop/api.yaml').metadata).toMatchObject({ name: 'api', namespace: 'shop' });
    expect(entity(both, 'catalog/ops/api.yaml').metadata).toMatchObject({ name: 'api', namespace: 'ops' });
    expect(both.get('catalog/shop/api.yaml')).toBe(alone.get('catalog/shop/api.yaml'));
  });

  test('lists every component in one Location, with paths relative to it', () => {
    const location = entity(files, 'catalog/all.yaml');
    expect(location.kind).toBe('Location');
    expect(location.spec).toEqual({ targets: ['./ops/report.yaml', './shop/mailer.yaml', './shop/web.yaml'] });
    expect(files.get('catalog/shop/web.yaml')!.split('\n')[0]).toBe(
      "# Generated by 'platform synth' from apps/shop/web.ts. Do not edit: change the source and synthesize again.",
    );
  });
});
