import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, OperationDefinitionNode, parse } from 'graphql';

const ROOT = join(__dirname, '../..');
/** Where the end-to-end suites live: each starts a stack whose gateway logs what it serves. */
export const E2E_DIR = join(ROOT, 'test/e2e');
const E2E_SUFFIX = '.e2e.test.ts';

/** The names of the client contract's operations. */
export function contractOperationNames(): string[] {
  const contract = parse(readFileSync(join(ROOT, 'clients/operations/contract.graphql'), 'utf8'));
  return contract.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((d) => d.name!.value);
}

/** The end-to-end suites, by file name. */
export function endToEndSuites(dir = E2E_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(E2E_SUFFIX))
    .sort();
}

export interface ServedOperations {
  /** End-to-end suites that started a stack in this run. */
  suitesRun: string[];
  /** End-to-end suites that did not. */
  suitesMissing: string[];
  /** Every operation name some gateway of those stacks served. */
  served: Set<string>;
}

/**
 * Reads the operation logs of one jest run: a file per stack, named
 * `<suite file>.<pid>-<port>.log` (test kit, startStack), holding one
 * operation name per line as the gateway served them.
 */
export function readOperationLogs(logDir: string, suites: string[]): ServedOperations {
  const files = existsSync(logDir) ? readdirSync(logDir).filter((file) => file.endsWith('.log')) : [];
  const run = new Set(
    files
      .map((file) => suites.find((suite) => file.startsWith(`${suite}.`)))
      .filter((suite): suite is string => Boolean(suite)),
  );
  const served = new Set(files.flatMap((file) => readFileSync(join(logDir, file), 'utf8').split('\n').filter(Boolean)));
  return { suitesRun: suites.filter((s) => run.has(s)), suitesMissing: suites.filter((s) => !run.has(s)), served };
}

/** Contract operations no gateway served. */
export function unservedOperations(contract: string[], served: Set<string>): string[] {
  return contract.filter((name) => !served.has(name));
}

/**
 * After a jest run (globalTeardown): when every end-to-end suite ran,
 * fails the run if any operation of the client contract was never
 * executed through a gateway. A run of some suites only cannot tell, and
 * says so; a run without end-to-end suites has nothing to check (null).
 */
export function checkContractServed(
  logDir: string,
  suites = endToEndSuites(),
  contract = contractOperationNames(),
): string | null {
  const { suitesRun, suitesMissing, served } = readOperationLogs(logDir, suites);
  if (suitesRun.length === 0) return null;
  if (suitesMissing.length)
    return `the contract operations served were not checked: this run left out ${suitesMissing.join(', ')}`;
  const missing = unservedOperations(contract, served);
  if (missing.length) {
    throw new Error(
      `The end-to-end suites never executed ${missing.length} operation(s) of the client contract through the gateway: ${missing.join(', ')}. ` +
        'Drive each with its SDK document (contractCall) or contract text (operation(name)) in an end-to-end suite.',
    );
  }
  return `all ${contract.length} contract operations were executed through the gateway by the end-to-end suites`;
}
