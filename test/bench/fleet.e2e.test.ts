import { generateFleet } from '../../bench/fleet';
import { renderFleet } from '../../lib/pipeline/render-fleet';

describe('synthetic fleet', () => {
  test('passes resolution and synthesis in every environment', () => {
    const fleet = generateFleet({ apps: 60 });
    const rendered = renderFleet({ apps: fleet.apps, environments: fleet.environments });
    expect(rendered).toHaveLength(60 * 3);
  });
});
