#!/usr/bin/env node
// `pnpm checks`: lint, the type check of every test, the format check and the freshness of the generated test
// operations, side by side. Lint and the type check are one job: `scripts/lint.mjs --type-check` reports what
// `pnpm check:tests` (tsc -p) reports from the programs the lint built, where tsc used to build them again beside it
// (~0.5 min of CPU saved). On the two-core machine the jobs together take about as long as their CPU split over two
// cores: measured back to back on a busy machine, 120 s of CPU and 82-109 s wall, against 153-166 s and 146-151 s
// with lint and check:tests apart (README, quality gates). Fails if any fails; prints each one's output.
import { spawn } from 'node:child_process';

const checks = [
  // `pnpm lint` and `pnpm check:tests` in one: the type check asks the programs the lint built (scripts/lint.mjs).
  ['lint and type check of the tests', 'node', ['scripts/lint.mjs', '--type-check']],
  ['format check', 'pnpm', ['format:check']],
  // Takes a second: the typed test operations match their .graphql files and the subgraphs' schemas.
  ['test operations are current', 'node', ['scripts/generate-test-operations.mjs', '--check']],
];

const started = Date.now();
const results = await Promise.all(
  checks.map(
    ([name, command, args]) =>
      new Promise((resolve) => {
        let output = '';
        const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => resolve({ name, code, output, seconds: (Date.now() - started) / 1000 }));
      }),
  ),
);
for (const { name, code, output, seconds } of results) {
  console.log(`${code === 0 ? 'passed' : 'FAILED'}: ${name} (${seconds.toFixed(0)} s)`);
  if (code !== 0) console.log(output);
}
process.exit(results.every((result) => result.code === 0) ? 0 : 1);
