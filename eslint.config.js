import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';

// Folder dependency rules (see README "Layout"): engine → nothing; worker → engine;
// store → worker client + engine; viz → d3 + engine types; panels → store, viz, i18n; app → anything.
const noImport = (patterns, why) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message: why })) }],
});
const UI_LIBS = ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*', 'katex'];
const up = (folder) => [`../${folder}`, `../${folder}/*`, `../../${folder}`, `../../${folder}/*`];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', 'public', 'shots'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      ...noImport([...UI_LIBS, ...['worker', 'store', 'viz', 'panels', 'i18n', 'app'].flatMap(up)],
        'src/engine is pure numerics: it imports nothing from the rest of the app or UI libraries.'),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage',
        'location', 'self', 'fetch', 'requestAnimationFrame', 'performance'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded RNG (engine/rng).' }],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: noImport([...UI_LIBS, ...['store', 'viz', 'panels', 'i18n', 'app'].flatMap(up)],
      'src/worker depends on the engine only.'),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: noImport(['react-dom', 'react-dom/*', 'd3', 'd3-*', 'katex', ...['viz', 'panels', 'app'].flatMap(up)],
      'src/store depends on the worker client and engine types only.'),
  },
  {
    files: ['src/viz/**/*.ts'],
    rules: noImport(['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', ...['worker', 'store', 'panels', 'app'].flatMap(up)],
      'src/viz renderers take data, never the store or React.'),
  },
  {
    files: ['src/panels/**/*.{ts,tsx}'],
    rules: noImport([...['worker', 'app'].flatMap(up)], 'panels read the store, never the worker or the app.'),
  },
  {
    files: ['src/i18n/**/*.ts'],
    rules: noImport([...UI_LIBS.filter((x) => !x.startsWith('react')), ...['engine', 'worker', 'store', 'viz', 'panels', 'app'].flatMap(up)],
      'src/i18n holds string tables only.'),
  },
);
