// The direction of imports, enforced by `npm run lint:deps` (part of `npm test`). A violation
// prints the rule's name, the import (from -> to) and the rule's comment: what is allowed instead.
// See DESIGN.md "The layout"; test/dependency-rules.test.ts proves the rules fail a bad import.

// The folders of lib/, top first. A folder may import the folders on the rows below it, never
// those above it, never its neighbours on the same row.
const LAYERS = [
  ['api'], // the package's entry points per audience (lib/index.ts is the app teams')
  ['cli'], // the `platform` command
  ['review'], // diffs and capacity of a synth against a base tree
  ['pipeline'], // load, render, check and lay out a whole fleet
  ['catalog'], // Backstage files; written through output's YAML renderer, so above output
  ['gitops', 'output', 'policy'], // Argo CD and kustomizations; layout and writing; checks on manifests
  ['stacks'], // whole-app constructs
  ['workload', 'network', 'monitoring'], // the parts of a stack
  ['environments'], // resolution: definitions -> ResolvedApp
  ['manifest'], // reading rendered objects
  ['model'], // the data types of definitions and resolved values
  ['internal'], // names, labels, errors
];

const FOLDERS = LAYERS.flat();

// Constructs sit above environments but build from the ResolvedApp alone (constructs-read-resolved-values).
const CONSTRUCTS = ['stacks', 'workload', 'network', 'monitoring'];

function layerRules() {
  return LAYERS.flatMap((row, index) => {
    const below = LAYERS.slice(index + 1).flat();
    return row.map((folder) => ({
      name: `layer-${folder}`,
      severity: 'error',
      comment:
        below.length > 0
          ? `lib/${folder} may import only the layers below it: ${below.filter((f) => !(CONSTRUCTS.includes(folder) && f === 'environments')).join(', ')}. Move the shared code down, or pass the value in.`
          : `lib/${folder} is the lowest layer: it imports nothing else from lib/. Take plain values instead of lib types.`,
      from: { path: `^lib/${folder}/` },
      to: { path: '^lib/', pathNot: [`^lib/(${[folder, ...below].join('|')})/`] },
    }));
  });
}

// The only modules that wrap a generated CRD class (imports/ is `cdk8s import` output).
const CRD_WRAPPERS = [
  'lib/gitops/argocd.ts', // Application
  'lib/gitops/app-project.ts', // AppProject
  'lib/monitoring/pod-monitor.ts', // PodMonitor
  'lib/monitoring/prometheus-rule.ts', // PrometheusRule
  'lib/monitoring/service-monitor.ts', // ServiceMonitor
  'lib/network/http-route.ts', // HTTPRoute
  'lib/workload/external-secret.ts', // ExternalSecret
  'lib/policy/admission/kyverno-policy.ts', // ValidatingPolicy
  'lib/policy/admission/kyverno-exception.ts', // PolicyException
  'lib/workload/certificate.ts', // Certificate (cert-manager)
  'lib/api/crds.ts', // the CRD classes an app's customize may add (KEDA ScaledObject, Prometheus Operator)
];

const escapeDots = (path) => path.replace(/[.]/g, '\\.');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules(),
    {
      name: 'lib-folder-has-a-layer',
      severity: 'error',
      comment: `every folder of lib/ has a row in LAYERS (.dependency-cruiser.cjs): ${FOLDERS.join(', ')}. Add the new folder there.`,
      from: { path: '^lib/' },
      to: { path: '^lib/[^/]+/', pathNot: [`^lib/(${FOLDERS.join('|')})/`] },
    },
    {
      name: 'constructs-read-resolved-values',
      severity: 'error',
      comment:
        'stacks, workload, network and monitoring build from a ResolvedApp; reading lib/environments (e.g. PLATFORM_DEFAULTS) would re-apply a default after resolution. Resolve the value into the model instead.',
      from: { path: `^lib/(${CONSTRUCTS.join('|')})/` },
      to: { path: '^lib/environments/' },
    },
    {
      name: 'lib-index-is-for-users',
      severity: 'error',
      comment: 'lib/index.ts is the public API; modules inside lib import the module they need, not the barrel.',
      from: { path: '^lib/[^/]+/' },
      to: { path: '^lib/index\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules that import each other cannot be understood or tested alone. Move the shared type to the module it belongs to.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-never-requires-bin',
      severity: 'error',
      comment: 'bin/ is the command line entry; the library works without it.',
      from: { path: '^lib/' },
      to: { path: '^bin/' },
    },
    {
      name: 'lib-stands-alone',
      severity: 'error',
      comment: 'lib/ is the product; tests, benchmarks, scripts and the sample apps use it, never the reverse.',
      from: { path: '^lib/' },
      to: { path: '^(test|bench|scripts|apps)/' },
    },
    {
      name: 'scripts-never-import-tests',
      severity: 'error',
      comment: 'scripts run outside jest; share fixtures from scripts/ or lib/, not from test/.',
      from: { path: '^scripts/' },
      to: { path: '^test/' },
    },
    {
      name: 'apps-use-lib-entry-points',
      severity: 'error',
      comment:
        "app files see the platform through apps/platform.ts, which imports lib/index.ts; apps/environments.ts imports lib/api/platform.ts (the platform team's entry point); apps/main.ts runs lib/cli/main.ts. Export what an app needs from those entry points.",
      from: { path: '^apps/' },
      to: { path: '^(lib|test|bench|scripts|bin|imports)/', pathNot: ['^lib/index\\.ts$', '^lib/api/[a-z-]+\\.ts$', '^lib/cli/main\\.ts$'] },
    },
    {
      name: 'only-crd-wrappers-import-imports',
      severity: 'error',
      comment: `only the modules that wrap a CRD import the generated classes in imports/: ${CRD_WRAPPERS.join(', ')}. Use one of them, or add the new wrapper to CRD_WRAPPERS.`,
      // Tests may read the generated classes; imports/ files import each other.
      from: { path: '^(lib|apps|bench|scripts)/', pathNot: CRD_WRAPPERS.map((p) => `^${escapeDots(p)}$`) },
      to: { path: '^imports/' },
    },
  ],
  options: {
    // Type-only imports count: a layer that names a type from above depends on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
