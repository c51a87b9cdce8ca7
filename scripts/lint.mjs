#!/usr/bin/env node
// `pnpm lint`: `eslint .` as two processes side by side, the Node side and the clients, split where their TypeScript
// programs split (eslint/typed-programs.mjs), so neither builds the other's programs and the two cores share the
// work. ESLint's own `--concurrency` hands files out regardless of program, so each worker built every program
// (measured slower than one process). Given paths (`pnpm lint some/file.ts`), it is plain `eslint` over them.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clientFiles } from '../eslint/typed-programs.mjs';

const eslintBin = fileURLToPath(new URL('../node_modules/eslint/bin/eslint.js', import.meta.url));
// TypeScript's programs fill V8's young generation fast; a larger one spends less of the run collecting garbage.
const nodeOptions = ['--max-semi-space-size=64'];

const args = process.argv.slice(2);
const options = args.filter((arg) => arg.startsWith('-'));
const runs =
  options.length === args.length
    ? [
        ['.', ...clientFiles.flatMap((pattern) => ['--ignore-pattern', pattern]), ...options],
        [...clientFiles, ...options],
      ]
    : [args];

const results = await Promise.all(
  runs.map(
    (eslintArgs) =>
      new Promise((resolve) => {
        let output = '';
        const child = spawn(process.execPath, [...nodeOptions, eslintBin, ...eslintArgs], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => resolve({ code, output }));
      }),
  ),
);
for (const { output } of results) process.stdout.write(output);
process.exit(Math.max(...results.map((result) => result.code ?? 1)));
