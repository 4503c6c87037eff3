import { find, synthApp, webDef } from '../helpers';

describe('the ServiceAccount', () => {
  test("is the app's own, with no token mounted by default", () => {
    const sa = find(synthApp(webDef()), 'ServiceAccount', 'checkout');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.metadata.namespace).toBe('shop');
  });
});
