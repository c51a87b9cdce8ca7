import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * jest globalSetup: a fresh directory for this run's operation logs, in
 * the environment the test workers inherit (the test kit's startStack
 * points each stack's gateway at a file in it).
 */
export default async function createOperationLogDir(): Promise<void> {
  process.env.CAREBOOK_OPERATION_LOG_DIR = mkdtempSync(join(tmpdir(), 'carebook-operation-log-'));
}
