// The cdk8s validation plugin, GoldenPathValidation, at a path the cdk8s CLI can load: it requires
// a local plugin by file path (`package: ./node_modules/golden-path-platform/cdk8s-plugin.js` in
// cdk8s.yaml), which bypasses package.json `exports`, while a package name makes it install another
// copy from the registry. Inside this repository it loads the TypeScript sources; installed, build/.
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const sources = existsSync(join(__dirname, 'lib', 'policy', 'cdk8s-plugin.ts'));
module.exports = require(sources ? './lib/policy/cdk8s-plugin-entry.js' : './build/lib/policy/cdk8s-plugin-entry.js');
