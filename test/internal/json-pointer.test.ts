import { pointerKeys, pointerTo } from '../../lib/internal/json-pointer';

describe('JSON pointers', () => {
  test('escape and unescape ~ and / in keys, in that order', () => {
    const keys = ['metadata', 'annotations', 'reloader.stakater.com/last-reloaded-from', 'a~1b'];
    expect(pointerTo(keys)).toBe('/metadata/annotations/reloader.stakater.com~1last-reloaded-from/a~01b');
    expect(pointerKeys(pointerTo(keys))).toEqual(keys);
  });

  test('the empty pointer is the whole document', () => {
    expect(pointerKeys('')).toEqual([]);
    expect(pointerTo([])).toBe('');
  });
});
