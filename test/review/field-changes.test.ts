import { fieldChanges } from '../../lib/review/field-changes';

describe('fieldChanges', () => {
  test('shows an item inserted in a list as one new item, not a change to those after it', () => {
    const rule = (port: number) => ({ ports: [{ port, protocol: 'TCP' }] });
    expect(fieldChanges({ ingress: [rule(8080), rule(9090)] }, { ingress: [rule(8080), rule(7000), rule(9090)] })).toEqual([
      { path: 'ingress[1].ports[0].port', after: 7000 },
      { path: 'ingress[1].ports[0].protocol', after: 'TCP' },
    ]);
  });

  test('shows an item changed in place field by field, and a removed one by its old index', () => {
    expect(fieldChanges({ args: ['--a', '--b', '--c'] }, { args: ['--a', '--B', '--c'] })).toEqual([{ path: 'args[1]', before: '--b', after: '--B' }]);
    expect(fieldChanges({ args: ['--a', '--b', '--c'] }, { args: ['--a', '--c'] })).toEqual([{ path: 'args[was 1]', before: '--b' }]);
  });

  test('keys items with a name by it, wherever they move', () => {
    const env = (names: string[]) => ({ env: names.map((name) => ({ name, value: name.toLowerCase() })) });
    expect(fieldChanges(env(['A', 'B']), env(['B', 'A', 'C']))).toEqual([
      { path: 'env[C].name', after: 'C' },
      { path: 'env[C].value', after: 'c' },
    ]);
  });

  test('keeps empty lists and objects as values', () => {
    expect(fieldChanges({ add: [], labels: {} }, { add: ['NET_ADMIN'], labels: {} })).toEqual([
      { path: 'add', before: [] },
      { path: 'add[0]', after: 'NET_ADMIN' },
    ]);
  });
});
