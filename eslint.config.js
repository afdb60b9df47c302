import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';

// The floors of src/ (ARCHITECTURE.md), from the top down. A file may import from its own room,
// and from any room on a floor below its own; never upwards and never sideways, so the folder
// graph cannot hold a cycle. The two files at the root are the top (main.tsx, which nothing
// imports) and the ground (messages.ts, which imports nothing of ours: a block below says so).
const FLOORS = [
  ['app'],
  ['views'],
  ['export', 'ingest'],
  ['map', 'charts'],
  ['components'],
  ['query'],
  ['state', 'db'],
  ['format'],
  ['catalogue', 'stats', 'arrow', 'dev'],
];
const ROOMS = FLOORS.flat();
const below = (room) => FLOORS.slice(FLOORS.findIndex((floor) => floor.includes(room)) + 1).flat();

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
    // One-way floors: see FLOORS above and ARCHITECTURE.md. Tests are not rooms: a test may bring
    // several floors together (a real query through the real engine) to check one of them.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'boundaries/elements': ROOMS.map((room) => ({ type: room, pattern: `src/${room}` })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: ROOMS.map((room) => ({
            from: { element: { type: room } },
            allow: { to: { element: { types: { anyOf: [room, ...below(room)] } } } },
          })),
        },
      ],
    },
  },
  {
    // A new folder of src/ must take a floor in FLOORS before its files lint.
    files: ['src/*/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: { 'boundaries/no-unknown-files': 'error' },
  },
  {
    // The shell's French strings are on the ground floor: they import nothing of ours.
    files: ['src/messages.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['./*', '../*', '**/scripts/**', '@duckdb/node-api'] },
      ],
    },
  },
  {
    // Published algorithm coefficients (e.g. Wichura's AS 241) are kept digit for digit as
    // printed, with more digits than a double holds, so they can be checked against the paper.
    files: ['src/stats/**/*.ts'],
    rules: { 'no-loss-of-precision': 'off' },
  },
);
