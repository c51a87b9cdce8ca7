// One lint over the whole repository: typescript-eslint's type-checked recommended rules on every TypeScript
// file (the tests too), React's hook rules, the service boundaries, and rules files free of I/O.
// Formatting is Prettier's job (`pnpm format:check`), so no rule here is about layout.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import { importBoundaries } from './eslint/import-boundaries.mjs';
import { clientPrograms, nodeProgram, typedProgram } from './eslint/typed-programs.mjs';

const subgraphs = readdirSync(new URL('./subgraphs', import.meta.url));

// `scripts/lint.mjs` names here the tsconfigs whose programs this process builds once itself (tsc's own program,
// which `--type-check` asks for tsc's diagnostics too) and hands to typescript-eslint ready-made. The AST then comes
// from that program, so only a run that lints the files as they are on disk may ask: `--fix` (which lints the fixed
// text again) and editors keep `project`, with which typescript-eslint builds its own.
const sharedPrograms = new Set(process.env.CAREBOOK_LINT_PROGRAMS?.split(',').filter(Boolean));
/** parserOptions that type the files with a tsconfig's program. */
const typedBy = (tsconfig) =>
  sharedPrograms.has(tsconfig) ? { programs: [typedProgram(tsconfig)], project: null } : { project: tsconfig };

const pureRules = 'domain/ decides over plain data: its callers load and save (use-cases/, store/, clients/).';
/** What a rules file (`domain/*.ts`: decisions over plain data, unit-tested) may not import. */
const ioImports = [
  ['@mikro-orm/*', 'bullmq', 'ioredis', 'mysql2', 'mysql2/*', 'mongodb', 'undici', 'express', 'nodemailer', 'ws'],
  ['fs', 'fs/*', 'net', 'http', 'https', 'child_process', 'worker_threads', 'dgram', 'dns', 'tls'],
  ['node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:https', 'node:child_process', 'node:worker_threads'],
  ['node:dgram', 'node:dns', 'node:tls'],
  ['**/store', '**/store/**', '**/use-cases/**', '**/clients/**', '**/workers/**', '**/resolvers/**'],
];

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortSignal', 'AbortController']
    .concat(['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'structuredClone'])
    .map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'coverage/',
      'clients/web/test-results/',
      'clients/sdk/src/generated/',
      'subgraphs/*/test/generated/',
      'gateway/test/generated/',
      'bench/src/operations/generated/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is linted with the types of the program `pnpm check:types` checks it in (the clients' below).
        ...typedBy(nodeProgram),
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { carebook: { rules: { 'import-boundaries': importBoundaries(subgraphs) } } },
    rules: {
      'carebook/import-boundaries': 'error',
      // Resolvers, store ports and DataLoader batches are async to meet a Promise-returning contract, awaited or not.
      '@typescript-eslint/require-await': 'off',
      // String enums (type-graphql, MikroORM) are compared with their wire values from GraphQL, tokens and other services.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Callbacks are declared with method syntax in props and ports; no code here passes a `this`-bound method.
      '@typescript-eslint/unbound-method': 'off',
      // String() and templates of unknown values (env, YAML, error extensions, caught errors) are deliberate.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      // Node's servers and timers and React's event props ignore a returned promise; each handler catches its own.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // Re-rejecting a caught error passes it on as it came.
      '@typescript-eslint/prefer-promise-reject-errors': [
        'error',
        { allowThrowingUnknown: true, allowThrowingAny: true },
      ],
      // `const { secret, ...rest } = x` drops a field on purpose; a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  ...clientPrograms.map(({ tsconfig, files }) => ({
    files,
    languageOptions: { parserOptions: typedBy(tsconfig) },
  })),
  {
    // domain/ holds the rules; a test beside one may set up its data with the use cases.
    files: ['subgraphs/*/src/domain/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: ioImports.map((group) => ({ group, message: pureRules, allowTypeImports: true })) },
      ],
    },
  },
  {
    files: ['clients/web/src/**/*.{ts,tsx}', 'clients/explorer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...nodeGlobals, require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { 'no-unused-vars': ['error', { ignoreRestSiblings: true }] },
  },
);
