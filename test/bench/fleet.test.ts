import { generateFleet, TEAMS } from '../../bench/fleet';
import { AppDefinition } from '../../lib/model/app-definition';

const count = (apps: readonly { definition: AppDefinition }[], kind: AppDefinition['kind']) => apps.filter((a) => a.definition.kind === kind).length;

describe('synthetic fleet', () => {
  test('is the same fleet for the same seed, definition for definition', () => {
    expect(generateFleet({ apps: 150, seed: 7 })).toEqual(generateFleet({ apps: 150, seed: 7 }));
  });

  test('differs with another seed', () => {
    expect(generateFleet({ apps: 150, seed: 7 }).apps).not.toEqual(generateFleet({ apps: 150, seed: 8 }).apps);
  });

  test('has exactly the requested number of apps in the 50/30/20 mix', () => {
    const { apps } = generateFleet({ apps: 1000 });
    expect(apps).toHaveLength(1000);
    expect(count(apps, 'web-service')).toBe(500);
    expect(count(apps, 'worker')).toBe(300);
    expect(count(apps, 'scheduled-task')).toBe(200);
  });

  test('keeps the mix for sizes that do not divide evenly', () => {
    const { apps } = generateFleet({ apps: 7 });
    expect(apps).toHaveLength(7);
    expect([count(apps, 'web-service'), count(apps, 'worker'), count(apps, 'scheduled-task')]).toEqual([4, 2, 1]);
  });

  test('spreads apps over 20 teams, each app in its own file under its team', () => {
    const { apps } = generateFleet({ apps: 200 });
    expect(new Set(apps.map((a) => a.definition.team))).toEqual(new Set(TEAMS));
    expect(TEAMS).toHaveLength(20);
    expect(new Set(apps.map((a) => a.definition.name)).size).toBe(200);
    for (const { definition, source } of apps) expect(source).toBe(`apps/${definition.team}/${definition.name}.ts`);
  });

  test('points every app peer at an app of the fleet, in its namespace, on its serving port', () => {
    const { apps } = generateFleet({ apps: 300 });
    const byName = new Map(apps.map((a) => [a.definition.name, a.definition]));
    let egress = 0;
    let ingress = 0;
    for (const { definition } of apps) {
      for (const peer of definition.network?.egress ?? []) {
        if (peer.kind !== 'app') continue;
        const callee = byName.get(peer.app);
        expect(callee?.kind).toBe('web-service');
        expect(peer.namespace ?? definition.team).toBe(callee?.team);
        expect(peer.port).toBe(callee?.kind === 'web-service' ? callee.port : undefined);
        egress++;
      }
      for (const peer of definition.network?.ingress ?? []) {
        if (peer.kind !== 'app') continue;
        const caller = byName.get(peer.app);
        expect(caller?.network?.egress?.some((p) => p.kind === 'app' && p.app === definition.name)).toBe(true);
        ingress++;
      }
    }
    expect(egress).toBeGreaterThan(300);
    expect(ingress).toBe(egress);
  });

  test('overrides some apps per environment, only in environments that exist', () => {
    const { apps, environments } = generateFleet({ apps: 200 });
    const names = new Set(environments.map((e) => e.name));
    const overridden = apps.filter((a) => Object.keys(a.definition.environments ?? {}).length > 0);
    expect(overridden.length).toBeGreaterThan(100);
    for (const a of overridden) for (const env of Object.keys(a.definition.environments!)) expect(names.has(env)).toBe(true);
    expect(environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
  });

  test('gives some web services SLOs', () => {
    const { apps } = generateFleet({ apps: 200 });
    const withSlo = apps.filter((a) => a.definition.kind === 'web-service' && a.definition.slo !== undefined);
    expect(withSlo.length).toBeGreaterThan(20);
  });
});
