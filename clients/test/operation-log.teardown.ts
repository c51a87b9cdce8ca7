import { rmSync } from 'node:fs';
import { checkContractServed } from './served-operations';

/**
 * jest globalTeardown: runs once every suite has finished (jest runs test
 * files in parallel, so no test file can be last), checks that the
 * end-to-end suites executed every operation of the client contract, and
 * fails the run if not.
 */
export default async function checkOperationLog(): Promise<void> {
  const dir = process.env.CAREBOOK_OPERATION_LOG_DIR;
  if (!dir) return;
  try {
    const outcome = checkContractServed(dir);
    if (outcome) process.stdout.write(`\nClient contract: ${outcome}.\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
