// Entry point for cdk8s.yaml `validations:` (`package: ./lib/policy/cdk8s-plugin-entry.js`).
// The cdk8s CLI loads plugins with a plain require, so this registers the TypeScript loader the
// `platform` command uses (tsx) and re-exports the plugin class, GoldenPathValidation.
require('tsx/cjs/api').register();
module.exports = require('./cdk8s-plugin.ts');
