#!/usr/bin/env node
// `pnpm lint`: `eslint .` as two processes side by side, the Node side and the clients, split where their TypeScript
// programs split (eslint/typed-programs.mjs), so neither builds the other's programs and the two cores share the
// work. ESLint's own `--concurrency` hands files out regardless of program, so each worker built every program
// (measured slower than one process). Given paths (`pnpm lint some/file.ts`), it is plain `eslint` over them.
//
// Each process builds its programs once as tsc does and hands them to typescript-eslint (CAREBOOK_LINT_PROGRAMS,
// read by eslint.config.mjs), cheaper than typescript-eslint building its own; not under `--fix`, whose second pass
// needs the fixed text parsed anew. `--type-check` (`pnpm checks`) also reports what `pnpm check:tests` (tsc -p)
// reports, from the same programs (eslint/type-check.mjs), instead of tsc building them all a second time.
// Measured back to back with the previous version on a busy two-core machine: 88.3 and 85.1 s of CPU (87.4 and
// 85.2 s wall) against 90.8 and 90.4 s (89.9 and 89.6 s); `pnpm checks` 120 and 118 s of CPU (109 and 82 s wall)
// against 153 and 166 s (146 and 151 s). Quiet-machine figures: the README's quality gates (`pnpm lint`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clientFiles, clientPrograms, nodeProgram, testPrograms } from '../eslint/typed-programs.mjs';

const eslintBin = fileURLToPath(new URL('../node_modules/eslint/bin/eslint.js', import.meta.url));
const typeCheckHook = new URL('../eslint/type-check.mjs', import.meta.url).href;
// TypeScript's programs fill V8's young generation fast; a larger one spends less of the run collecting garbage.
const nodeOptions = ['--max-semi-space-size=64'];

const typeChecking = process.argv.includes('--type-check');
const args = process.argv.slice(2).filter((arg) => arg !== '--type-check');
const options = args.filter((arg) => arg.startsWith('-'));
const fixing = options.some((option) => option.startsWith('--fix'));
const side = (patterns, tsconfigs) => ({
  args: [...patterns, ...options],
  programs: fixing ? [] : tsconfigs,
  typeCheck: typeChecking ? testPrograms.filter((tsconfig) => tsconfigs.includes(tsconfig)) : [],
});
if (typeChecking && (fixing || options.length !== args.length)) {
  console.error('lint: --type-check checks the whole repository, without --fix');
  process.exit(2);
}
const runs =
  options.length === args.length
    ? [
        side(['.', ...clientFiles.flatMap((pattern) => ['--ignore-pattern', pattern])], [nodeProgram]),
        side(
          clientFiles,
          clientPrograms.map((program) => program.tsconfig),
        ),
      ]
    : [{ args, programs: [], typeCheck: [] }];

const results = await Promise.all(
  runs.map(
    (run) =>
      new Promise((resolve) => {
        let output = '';
        const hook = run.typeCheck.length > 0 ? ['--import', typeCheckHook] : [];
        const child = spawn(process.execPath, [...nodeOptions, ...hook, eslintBin, ...run.args], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            ...process.env,
            CAREBOOK_LINT_PROGRAMS: run.programs.join(','),
            CAREBOOK_TYPE_CHECK: run.typeCheck.join(','),
          },
        });
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => resolve({ code, output }));
      }),
  ),
);
for (const { output } of results) process.stdout.write(output);
process.exit(Math.max(...results.map((result) => result.code ?? 1)));
