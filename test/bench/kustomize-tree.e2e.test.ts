import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { generateFleet } from '../../bench/fleet';
import { findKubectl } from '../../bench/kustomize/find-kubectl';
import { deepEqual, Json } from '../../bench/kustomize/json-diff';
import { writeKustomizeTree } from '../../bench/kustomize/kustomize-tree';
import { canonicalize } from '../../lib/output/canonical';
import { renderFleet } from '../../lib/pipeline/render-fleet';

// The benchmark skips kustomize without kubectl; so does this test (jest lists it as skipped).
const kubectl = findKubectl();

describe('kustomize tree of the synthetic fleet', () => {
  // 5 apps: so few that an object can be in every app of one kind and only some of another.
  (kubectl ? test.each : test.skip.each)([5, 30])('renders, per environment, the same objects as the pipeline (%i apps)', (apps) => {
    const fleet = generateFleet({ apps });
    const rendered = renderFleet({ apps: fleet.apps, environments: fleet.environments });
    const root = mkdtempSync(join(tmpdir(), 'bench-kustomize-test-'));
    try {
      const tree = writeKustomizeTree(root, rendered);
      expect(tree.overlays.map((o) => o.environment)).toEqual(['dev', 'staging', 'prod']);
      for (const { environment, dir } of tree.overlays) {
        const out = execFileSync(kubectl!, ['kustomize', dir], { maxBuffer: 1 << 28 }).toString();
        const got = new Map(
          parseAllDocuments(out)
            .map((d) => d.toJS())
            .map((o) => [`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, canonicalize(o) as Json]),
        );
        const want = rendered.filter((r) => r.app.environment === environment).flatMap((r) => r.manifests);
        expect([...got.keys()].sort()).toEqual(want.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`).sort());
        const differing = want.filter(
          (m) => !deepEqual(got.get(`${m.kind} ${m.metadata.namespace}/${m.metadata.name}`), JSON.parse(JSON.stringify(canonicalize(m)))),
        );
        expect(differing.map((m) => `${m.kind} ${m.metadata.name}`)).toEqual([]);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
