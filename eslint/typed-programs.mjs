/**
 * Which TypeScript program gives each file its types for the type-aware rules: the program `pnpm check:types` checks
 * it in, one program per file. Naming it per file (instead of one list of every tsconfig, searched in order) lets a
 * lint of the Node side build only the Node program and a lint of the clients only theirs, so `scripts/lint.mjs` runs
 * the two side by side without either building the other's programs.
 */

/** Every TypeScript file that runs on Node, the tests included: the servers, the test kit, the benchmarks. */
export const nodeProgram = './tsconfig.check.json';

/** The browser apps and the Playwright scenarios; every TypeScript file not matched here is the Node program's. */
export const clientPrograms = [
  // The web app and its unit tests: the test program holds all of src/, the tests beside the code included.
  { tsconfig: './clients/web/tsconfig.test.json', files: ['clients/web/src/**/*.{ts,tsx}'] },
  { tsconfig: './clients/web/tsconfig.json', files: ['clients/web/vite.config.ts'] },
  { tsconfig: './clients/web/e2e/tsconfig.json', files: ['clients/web/e2e/**/*.ts'] },
  { tsconfig: './clients/explorer/tsconfig.json', files: ['clients/explorer/**/*.{ts,tsx}'] },
];

/** The file patterns the client programs type, for linting the clients apart from the Node side. */
export const clientFiles = clientPrograms.flatMap((program) => program.files);
