// Code lint for the whole repository (npm run lint; CI runs it through npm test). Layer boundaries are checked
// separately by dependency-cruiser (.dependency-cruiser.cjs), which resolves real module paths.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'test/e2e/workspace/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      // Unused names are compile errors already (noUnusedLocals/noUnusedParameters); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Control characters in patterns are how SMTP's CR, LF and NUL are matched on purpose.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // A spread passes each item as an argument, and past about 125,000 of them the call overflows the stack:
    // `replay --reporter github` of 140,000 failed exchanges and a zone file value of 200,000 strings ended so.
    // In the product code, lists are added with a loop (or `concat`); a spread of a list known to be short says why.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement",
          message: 'Add the items with a loop: a spread of more than about 125,000 overflows the stack.',
        },
        {
          selector: "CallExpression[callee.object.name=/^(Math|String)$/][callee.property.name=/^(max|min|fromCharCode|fromCodePoint)$/] > SpreadElement",
          message: 'A spread of more than about 125,000 arguments overflows the stack: reduce, or pass slices of a bounded size.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { URL: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
