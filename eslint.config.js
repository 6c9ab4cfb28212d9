// One linter for the whole repo, with the engine's purity rules: the engine must run unchanged in
// Node, Vitest and the worker, and replay identically, so it may not touch clocks, randomness or the DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const enginePurity = {
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded PRNG in state.rng (src/engine/rng.ts).' },
    { object: 'Date', property: 'now', message: 'Use state.nowMs, the virtual clock.' },
    { object: 'performance', property: 'now', message: 'Use state.nowMs, the virtual clock.' },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'Date', message: 'Use state.nowMs, the virtual clock.' },
    { name: 'performance', message: 'Use state.nowMs, the virtual clock.' },
    { name: 'setTimeout', message: 'Schedule a timer on the virtual clock (sim/timers.ts schedule()).' },
    { name: 'setInterval', message: 'Schedule a timer on the virtual clock (sim/timers.ts schedule()).' },
    { name: 'requestAnimationFrame', message: 'The engine never animates; the UI interpolates.' },
    { name: 'window', message: 'The engine has no DOM; expose data through the view.' },
    { name: 'document', message: 'The engine has no DOM; expose data through the view.' },
    { name: 'crypto', message: 'Use the seeded PRNG in state.rng.' },
  ],
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: [
            'react',
            'react-dom',
            'react/*',
            'd3',
            'd3-*',
            'zustand',
            'zustand/*',
            'xstate',
            '@xstate/*',
          ],
          message: 'The engine must not depend on UI libraries.',
        },
        { group: ['comlink'], message: 'Only src/engine/worker may know about the worker transport.' },
        {
          group: ['**/ui/**', '../ui/*', '../../ui/*'],
          message: 'The UI depends on the engine, never the reverse.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      '.ci/reports',
      '.e2e-dist',
      '.bench-dist',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/scenarios/**/*.ts'],
    ignores: ['src/engine/worker/**', '**/*.test.ts'],
    rules: enginePurity,
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['scripts/**/*.{ts,mjs}', 'e2e/**/*.ts', '*.config.{ts,js}', '.ci/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
