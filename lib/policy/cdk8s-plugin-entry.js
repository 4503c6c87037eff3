// Entry point for cdk8s.yaml `validations:` (`package: ./lib/policy/cdk8s-plugin-entry.js`).
// The cdk8s CLI loads plugins with a plain require, so this registers the TypeScript loader the
// `platform` command uses (bin/register-ts.js) and re-exports the plugin class, GoldenPathValidation.
require('../../bin/register-ts');
module.exports = require('./cdk8s-plugin.ts');
