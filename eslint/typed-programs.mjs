/**
 * Which TypeScript program gives each file its types for the type-aware rules: the program `pnpm check:types` checks
 * it in, one program per file. Naming it per file (instead of one list of every tsconfig, searched in order) lets a
 * lint of the Node side build only the Node program and a lint of the clients only theirs, so `scripts/lint.mjs` runs
 * the two side by side without either building the other's programs.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

// Loaded when first asked for: scripts/lint.mjs reads the lists above without needing TypeScript.
const typescript = () => createRequire(import.meta.url)('typescript');

/** Every TypeScript file that runs on Node, the tests included: the servers, the test kit, the benchmarks. */
export const nodeProgram = './tsconfig.check.json';

/** The browser apps and the Playwright scenarios; every TypeScript file not matched here is the Node program's. */
export const clientPrograms = [
  // The web app, its unit tests and its Vite config: the test program holds all of src/, the tests beside the code
  // included, and the config (the build's tsconfig.json holds the same minus the tests; linting the config with it
  // built the whole app's program a second time).
  {
    tsconfig: './clients/web/tsconfig.test.json',
    files: ['clients/web/src/**/*.{ts,tsx}', 'clients/web/vite.config.ts'],
  },
  { tsconfig: './clients/web/e2e/tsconfig.json', files: ['clients/web/e2e/**/*.ts'] },
  { tsconfig: './clients/explorer/tsconfig.json', files: ['clients/explorer/**/*.{ts,tsx}'] },
];

/** The file patterns the client programs type, for linting the clients apart from the Node side. */
export const clientFiles = clientPrograms.flatMap((program) => program.files);

/** The programs `pnpm check:tests` type-checks with `tsc -p`: `scripts/lint.mjs --type-check` reports them instead. */
export const testPrograms = [nodeProgram, './clients/web/tsconfig.test.json', './clients/web/e2e/tsconfig.json'];

const root = resolve(import.meta.dirname, '..');
const built = new Map();

/**
 * The program `tsc -p tsconfig` builds (same files, same options), built once per process. `scripts/lint.mjs` has
 * ESLint take it as `parserOptions.programs` (eslint.config.mjs), and `--type-check` asks it for tsc's diagnostics,
 * so one program serves both the type-aware rules and the type check.
 */
export function typedProgram(tsconfig) {
  let program = built.get(tsconfig);
  if (!program) {
    const ts = typescript();
    const parsed = ts.getParsedCommandLineOfConfigFile(resolve(root, tsconfig), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: parsed.options,
      projectReferences: parsed.projectReferences,
      configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
    });
    built.set(tsconfig, program);
  }
  return program;
}

/** What `tsc -p tsconfig` reports for the program (its errors as tsc prints them to a pipe), and how many. */
export function typeCheck(tsconfig) {
  const ts = typescript();
  const diagnostics = ts.sortAndDeduplicateDiagnostics(ts.getPreEmitDiagnostics(typedProgram(tsconfig)));
  const text = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  });
  return { errors: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length, text };
}
