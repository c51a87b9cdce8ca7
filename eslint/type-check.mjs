// Loaded with `--import` into an ESLint process by `scripts/lint.mjs --type-check`: once ESLint is done, reports what
// `tsc -p` reports for each tsconfig in CAREBOOK_TYPE_CHECK, asking the programs the lint was typed with
// (eslint/typed-programs.mjs), so the type check builds no program of its own. Any error fails the process.
import { typeCheck } from './typed-programs.mjs';

const tsconfigs = process.env.CAREBOOK_TYPE_CHECK?.split(',').filter(Boolean) ?? [];

process.once('beforeExit', () => {
  // ESLint's exit code 2 means it could not run (a bad config, say): nothing to add to that.
  if (process.exitCode === 2) return;
  for (const tsconfig of tsconfigs) {
    const { errors, text } = typeCheck(tsconfig);
    if (errors === 0) continue;
    process.stdout.write(`Type check of ${tsconfig} (as tsc -p): ${errors} error${errors === 1 ? '' : 's'}\n${text}`);
    process.exitCode = Math.max(Number(process.exitCode ?? 0), 1);
  }
});
