// ESLint flat config: typescript-eslint's type-checked rules for all TypeScript, Lit's rules for the
// widget, and the architecture's import rules (README, "Architecture"), so a forbidden arrow fails lint.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import astro from 'eslint-plugin-astro';

const tests = ['**/*.test.ts', '**/*.fixture.ts', '**/test/**', 'test/**', 'server/src/test-support.ts', 'server/src/store/store-conformance.ts'];

/** `no-restricted-imports` for the files of one part: each pattern is a regex on the import specifier. */
const boundary = (files, patterns, ignores = tests) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns: patterns.map(([regex, message]) => ({ regex, message })) }] },
});
const app = (name) => `(^|/)${name}/`;

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.astro/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `interface HTMLElementEventMap extends OurEvents {}` is how a global interface is augmented from a type.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  // Unit tests sit beside the code they test, outside its environment's tsconfig: they belong to the
  // root one (Node and DOM), as `npm run typecheck` checks them.
  {
    files: ['**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
  },
  // Component tests run in Chromium with Mocha and @open-wc's Chai: their own program (see the tsconfig).
  {
    files: ['widget/src/**/*.browser.test.ts', 'widget/test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './widget/tsconfig.browser-tests.json', tsconfigRootDir: import.meta.dirname } },
  },
  // Tests read JSON answers (typed any) and write fakes of async interfaces that need no await.
  {
    files: tests,
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // node:sqlite and the in-memory draft store are synchronous behind async interfaces (for PostgreSQL, IndexedDB).
  { files: ['server/src/store/sqlite-*.ts', 'widget/src/draft/draft-store.ts'], rules: { '@typescript-eslint/require-await': 'off' } },
  // Plain .js/.mjs config files run in Node and are not part of a TypeScript project.
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
  { files: ['widget/src/**/*.ts'], ...lit.configs['flat/recommended'] },
  // Astro components: parsed by the Astro plugin, linted without type information (only for their imports and basics).
  ...astro.configs['flat/recommended'],
  { files: ['**/*.astro'], ...tseslint.configs.disableTypeChecked },

  // ---- architecture: the arrows that must never exist -------------------------------------------
  boundary(['core/**/*.ts'], [
    ['^(?!zod/mini$|\\.{1,2}/)', 'core/ is browser-safe: it imports only zod/mini (Node-only code lives in core/node/)'],
    [`${app('widget')}|${app('site')}|${app('server')}`, 'core knows no app: the apps import core, never the reverse'],
    ['(^|/)node/', 'browser-safe core never imports core/node/'],
  ], [...tests, 'core/node/**']),
  boundary(['core/node/**/*.ts'], [
    [`${app('widget')}|${app('site')}|${app('server')}`, 'core knows no app: the apps import core, never the reverse'],
  ]),
  boundary(['widget/src/**/*.ts'], [
    [`${app('site')}|${app('server')}`, 'the widget talks to the server over HTTP only and knows no site source: share code through core/'],
    ['(^|/)core/node/|^node:', 'the widget runs in browsers: no Node modules, no core/node/'],
  ]),
  boundary(['widget/src/{flow,form,backend,draft,attachments,search,i18n}/**/*.ts'], [
    ['(^|/)(internal|steps)/|(^|/)support-ticket\\.ts$', 'widget logic is testable without an element: it never imports the element or the step renderers'],
  ]),
  boundary(['site/**/*.ts', 'site/**/*.astro'], [
    [app('server'), 'the site is static: it shares code with the server only through core/'],
    ['(^|/)widget/src/', 'the site embeds the built widget (widget/dist/), never its sources: share code through core/'],
  ]),
  boundary(['server/**/*.ts'], [
    [`${app('widget')}|${app('site')}`, 'the server imports only core/ and itself'],
  ]),
  boundary(['server/src/store/**/*.ts'], [
    ['(^|/)(routes|http)/|(^|/)app\\.ts$', 'storage knows no HTTP'],
  ]),
);
