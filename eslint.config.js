import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'data',
      'coverage',
      'test-results',
      'browser-tests/__output__',
      'bench-results',
      '**/__snapshots__',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // The pipeline and the app share the contract in src/catalogue, but the app never imports
    // the pipeline (STYLE.md habit 11).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/scripts/**', '@duckdb/node-api'] }],
    },
  },
  {
    // Published algorithm coefficients (e.g. Wichura's AS 241) are kept digit for digit as
    // printed, with more digits than a double holds, so they can be checked against the paper.
    files: ['src/stats/**/*.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
);
