// ESLint (npm run lint:code, part of npm test): typescript-eslint's recommended type-checked rules
// over everything we write; generated code (imports/, the precompiled validators) is not ours to lint.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'cdk8s.out/',
      'coverage/',
      'bench/results/',
      'imports/',
      'lib/policy/schema/data/',
      'lib/environments/releases-validator.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests read synthesized objects by path (`find(manifests, 'Deployment').spec.template...`):
    // the plain JSON under test is untyped on purpose, and every read ends in a jest assertion,
    // which is what checks its shape. The no-unsafe-* family would only ask for casts there.
    // unbound-method misfires on `expect(spy.method)`, jest's own idiom.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // CommonJS entry points that Node and the cdk8s CLI load without a loader.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', 'bin/platform'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node }, parserOptions: { projectService: false } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
