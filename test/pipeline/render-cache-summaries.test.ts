import { RenderCache } from '../../lib/pipeline/cache/render-cache';
import { Manifest } from '../../lib/manifest/manifest';
import { ResolvedApp } from '../../lib/model/resolved-app';
import { objectRulesContext, ObjectResults, summarize } from '../../lib/policy/object-results';
import { tempDir } from '../fixtures/temp-dir';

const APP = { environment: 'dev', team: 'shop', name: 'web' } as ResolvedApp;
const FILES = new Map([['dev/shop/web.yaml', 'kind: ServiceAccount\n']]);
const CONTEXT = objectRulesContext('dev', false, false, 'shop');
const CLEAN: ObjectResults = { schema: [[]], rules: { context: CONTEXT, byRule: { 'rule-a': [[]] } } };
const FOUND: ObjectResults = { schema: [[]], rules: { context: CONTEXT, byRule: { 'rule-a': [[{ message: 'found' }]], 'rule-b': [[]] } } };

const manifests = (): Manifest[] => [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'shop' } }];

describe('render cache: the summaries of check results', () => {
  test("a hit's summary is the one stored with its results; once a run changes them, it has none until they are stored again", () => {
    const dir = tempDir();
    const cold = new RenderCache({ dir, code: 'code' });
    const rendered = manifests();
    cold.rendered('key', APP, { manifests: rendered });
    // A rendering of this run has no summary: the checks read what they left with it.
    cold.remember(rendered, CLEAN);
    expect(cold.summaryOf(rendered)).toBeUndefined();
    cold.store(FILES);

    const warm = new RenderCache({ dir, code: 'code' });
    const hit = warm.get('key', APP)!;
    expect(warm.summaryOf(hit.manifests)).toEqual(summarize(CLEAN, 1));
    expect(warm.summaryOf(manifests())).toBeUndefined();
    warm.remember(hit.manifests, FOUND);
    expect(warm.summaryOf(hit.manifests)).toBeUndefined();
    expect(warm.resultsOf(hit.manifests)).toEqual(FOUND);
    warm.store(FILES);

    const again = new RenderCache({ dir, code: 'code' });
    const next = again.get('key', APP)!;
    expect(again.summaryOf(next.manifests)).toEqual({
      objects: 1,
      schema: true,
      context: CONTEXT,
      rules: 'rule-a rule-b ',
      found: [[0, 'rule-a', [{ message: 'found' }]]],
    });
    expect(again.resultsOf(next.manifests)).toEqual(FOUND);
  });
});
