import { Replicas } from '../../lib/model/replicas';
import { formatJson } from '../../lib/review/format-json';
import { COMMENT_MARKER, formatMarkdown } from '../../lib/review/format-markdown';
import { formatText } from '../../lib/review/format-text';
import { lineChanges } from '../../lib/review/format-value';
import { testEnvironment, webDef, workerDef } from '../helpers';
import { appTree, edit, review } from './tree-fixtures';

const envs = [testEnvironment({ name: 'dev' }), testEnvironment({ name: 'prod' })];
const before = appTree([webDef({ name: 'web' }), workerDef({ name: 'mailer' })], envs);
const after = appTree(
  [
    webDef({
      name: 'web',
      image: 'ghcr.io/acme/checkout:2.0.0',
      security: { bindPrivilegedPorts: true },
      environments: { prod: { replicas: Replicas.autoscale({ min: 2, max: 4 }) } },
    }),
  ],
  envs,
);
const report = review(before, after);

describe('formatText', () => {
  const text = formatText(report);

  test('says what was compared and sums the change up', () => {
    expect(text.split('\n').slice(0, 3)).toEqual([
      'platform diff: before [test] -> after [test]',
      '',
      '2 of 2 environments changed: 1 added, 10 changed, 8 removed objects; 16 risk flags',
    ]);
  });

  test('lists the risks by family, one line for the same flag in several environments', () => {
    expect(text).toContain("  privilege increased\n    dev, prod  shop/web  Deployment shop/web: container 'web': adds capabilities NET_BIND_SERVICE\n");
    // prod: mailer gone (-0.1 vCPU), web from 1 pod to 2..4 (+0.1..+0.3 vCPU).
    expect(text).toContain(
      [
        '    prod: requests ±0 vCPU, ±0 GiB at min; +0.2 vCPU, +0.25 GiB at max (now 0.2..0.4 vCPU, 0.25..0.5 GiB)',
        '      Deployment shop/mailer: removed, was 1 pod x 0.1 vCPU, 0.125 GiB',
        '      Deployment shop/web: pods 1 -> 2..4',
      ].join('\n'),
    );
    expect(text).toContain(
      '    dev, prod  shop/mailer  ServiceAccount shop/mailer, NetworkPolicy shop/mailer, Deployment shop/mailer and 1 more: deleted: Argo CD prunes it from the cluster\n',
    );
  });

  test('shows changes by environment, app and object, with the shared version label once', () => {
    expect(text).toContain(
      ['prod (1 added, 5 changed, 4 removed)', '  shop/mailer  prod/shop/mailer.yaml', '    - ServiceAccount shop/mailer (deleted)'].join('\n'),
    );
    expect(text).toContain(
      [
        '  shop/web  prod/shop/web.yaml',
        '    labels of every changed object: app.kubernetes.io/version: 1.2.3 -> 2.0.0',
        '    ~ ServiceAccount shop/web (labels only)',
      ].join('\n'),
    );
    expect(text).toContain('        spec.template.spec.containers[web].image: ghcr.io/acme/checkout:1.2.3 -> ghcr.io/acme/checkout:2.0.0\n');
    expect(text).toContain('    + HorizontalPodAutoscaler shop/web (new)\n');
  });

  test('says so when nothing changed', () => {
    expect(formatText(review(before, before))).toBe('platform diff: before [test] -> after [test]\n\nno changes in 2 environments\n');
  });
});

describe('formatMarkdown', () => {
  const md = formatMarkdown(report);

  test('starts with the marker CI updates the comment by, then a table of environments with capacity', () => {
    expect(md.startsWith(`${COMMENT_MARKER}\n### \`platform diff\`\n`)).toBe(true);
    expect(md).toContain(
      '| prod | 1 | 5 |  |  | 4 | 0.2 vCPU → **0.2..0.4 vCPU** (±0 vCPU at min, +0.2 vCPU at max) | 0.25 GiB → **0.25..0.5 GiB** (±0 GiB at min, +0.25 GiB at max) |',
    );
  });

  test('lists risks with their environments, app and objects', () => {
    expect(md).toContain("- **dev**, **prod** · `shop/web` · `Deployment shop/web`: container 'web': adds capabilities NET_BIND_SERVICE");
  });

  test('puts each environment in a collapsed section with a diff block per app', () => {
    expect(md).toContain('<details><summary><b>prod</b>: 1 added, 5 changed, 4 removed</summary>');
    expect(md).toContain(
      [
        '@@ Deployment shop/web @@',
        '-   spec.template.spec.containers[web].image: ghcr.io/acme/checkout:1.2.3',
        '+   spec.template.spec.containers[web].image: ghcr.io/acme/checkout:2.0.0',
      ].join('\n'),
    );
    expect(md).toContain('- ServiceAccount shop/mailer (deleted)');
  });

  test('leaves field changes out rather than exceed what a comment may hold', () => {
    const big = edit(before, 'prod', 'Deployment shop/web', (d) => (d.metadata.annotations.note = 'x'));
    const huge = edit(big, 'prod', 'Deployment shop/web', (d) => {
      for (let i = 0; i < 3000; i++) d.metadata.annotations[`note-${i}`] = 'a fairly long value that repeats';
    });
    const text = formatMarkdown(review(before, huge));
    expect(text.length).toBeLessThan(65_536);
    expect(text).toContain('Field-level changes are left out to fit a comment');
    expect(text).toContain('@@ Deployment shop/web @@');
  });
});

describe('formatJson', () => {
  test('gives objects with field changes, risks, and capacity in vCPU and GiB', () => {
    const json = JSON.parse(formatJson(report));
    expect(json.environments.map((e: { name: string }) => e.name)).toEqual(['dev', 'prod']);
    const prod = json.environments[1];
    expect(prod.counts).toEqual({ added: 1, changed: 5, moved: 0, renamed: 0, removed: 4 });
    expect(prod.capacity.after.requests).toEqual({ vcpu: { min: 0.2, max: 0.4 }, gib: { min: 0.25, max: 0.5 } });
    const deployment = json.objects.find((o: { environment: string; id: string }) => o.environment === 'prod' && o.id === 'Deployment shop/web');
    expect(deployment.fields).toContainEqual({
      path: 'spec.template.spec.containers[web].image',
      before: 'ghcr.io/acme/checkout:1.2.3',
      after: 'ghcr.io/acme/checkout:2.0.0',
    });
    expect(json.risks.find((r: { rule: string }) => r.rule === 'privilege/capabilities')).toEqual({
      family: 'privilege',
      rule: 'privilege/capabilities',
      environment: 'dev',
      app: 'shop/web',
      object: 'Deployment shop/web',
      message: "container 'web': adds capabilities NET_BIND_SERVICE",
    });
  });
});

test('shows the changed stretch of a multi-line value', () => {
  expect(lineChanges('a\nb\nc\nd', 'a\nB\nc\nd')).toEqual(['@@ line 2', '- b', '+ B']);
  expect(lineChanges('a', 'a\nb')).toEqual(['@@ line 2', '+ b']);
});
