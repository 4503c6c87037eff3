// Entry of `cdk8s synth` (see cdk8s.yaml) and `npm run synth`: the same pipeline as `platform synth`.
// Under the cdk8s CLI, the tree is also copied to its output folder for its validation plugins.
import { main } from '../lib/cli/main';

const mirror = process.env.CDK8S_OUTDIR ? ['--mirror', process.env.CDK8S_OUTDIR] : [];
process.exitCode = main(['--root', `${__dirname}/..`, 'synth', ...mirror]);
