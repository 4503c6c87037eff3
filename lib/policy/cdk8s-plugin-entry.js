// Entry for cdk8s.yaml `validations:` (the cdk8s CLI requires it by path, in its own process):
// registers the TypeScript loader, which the plugin needs for the waivers of the app definitions
// (`definitionWaivers`), and re-exports GoldenPathValidation. Here it loads the TypeScript source;
// in the package (build/lib/policy/) the compiled JavaScript beside it.
'use strict';

require('../internal/register-ts.js');
module.exports = require('./cdk8s-plugin');
