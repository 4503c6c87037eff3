import { generateFleet } from '../../bench/fleet';
import { toFinalFiles } from '../../bench/rendered-file';
import { serialize } from '../../bench/scenarios/yaml-floor';
import { render } from '../../lib/pipeline/synthesize';

describe('serialization floor', () => {
  test('writes exactly the bytes the pipeline writes, from the same objects', () => {
    const fleet = generateFleet({ apps: 40 });
    const { files, rendered, platform } = render({ apps: fleet.apps, environments: fleet.environments, gitops: fleet.gitops });
    // Through JSON, as the fixtures file carries them to the scenario's process.
    const finals = JSON.parse(JSON.stringify([...toFinalFiles(files, rendered, platform)]));
    expect(finals.map((f: { path: string }) => f.path)).toEqual([...files.keys()]);
    for (const final of finals) expect(serialize(final)).toBe(files.get(final.path));
  });
});
