import { Supergraph } from '@apollo/federation-internals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { checkContractServed, contractOperationNames, endToEndSuites } from './served-operations';

const root = join(__dirname, '../..');
const apiSchema: GraphQLSchema = Supergraph.build(readFileSync(join(root, 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const contract: DocumentNode = parse(readFileSync(join(__dirname, '../operations/contract.graphql'), 'utf8'));
const operations = contract.definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);

function errorsOf(operation: OperationDefinitionNode): string[] {
  // graphql-js validation skips the fields of a root type the schema lacks (say, no Subscription), so check it first.
  if (!apiSchema.getRootType(operation.operation)) return [`The supergraph has no ${operation.operation} type.`];
  return validate(apiSchema, { kind: Kind.DOCUMENT, definitions: [operation] }).map((e) => e.message);
}

describe('the client contract against the composed supergraph', () => {
  it('holds every operation of the contract', () => {
    expect(operations.length).toBe(59);
  });

  it.each(operations.map((op) => [op.name!.value, op] as const))('%s validates', (_name, operation) => {
    expect(errorsOf(operation)).toEqual([]);
  });

  // That the end-to-end suites execute each one through the gateway is checked after them (jest globalTeardown, see below).
});

/**
 * The operations served check, run by jest's globalTeardown once every
 * suite has finished: each end-to-end stack's gateway appends the name of
 * every operation it serves (CAREBOOK_OPERATION_LOG) to a file named after
 * its suite; these cases give it such files.
 */
describe('the check that the end-to-end suites executed every contract operation', () => {
  const suites = endToEndSuites();
  const names = operations.map((op) => op.name!.value);
  let dir: string;
  const logOf = (suite: string, served: string[]) =>
    writeFileSync(join(dir, `${suite}.1234-20000.log`), served.map((name) => `${name}\n`).join(''));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'carebook-contract-check-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('knows the suites and the operations it checks', () => {
    expect(suites).toEqual(expect.arrayContaining(['booking.e2e.test.ts', 'live.e2e.test.ts']));
    expect(contractOperationNames()).toEqual(names);
  });

  it('passes when every suite ran and every operation was served', () => {
    suites.forEach((suite, i) =>
      logOf(
        suite,
        names.filter((_, n) => n % suites.length === i),
      ),
    );
    expect(checkContractServed(dir, suites)).toMatch(
      new RegExp(`all ${names.length} contract operations were executed`),
    );
  });

  it('fails the run naming each operation no gateway served, however often the suites named it', () => {
    suites.forEach((suite) =>
      logOf(
        suite,
        names.filter((name) => name !== 'PatientChart' && name !== 'ScheduleChanged'),
      ),
    );
    expect(() => checkContractServed(dir, suites)).toThrow(
      /never executed 2 operation\(s\) of the client contract through the gateway: PatientChart, ScheduleChanged\./,
    );
  });

  it('does not check a run that left out an end-to-end suite, and says which', () => {
    suites.slice(1).forEach((suite) => logOf(suite, names));
    expect(checkContractServed(dir, suites)).toBe(
      `the contract operations served were not checked: this run left out ${suites[0]}`,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(checkContractServed(dir, suites)).toBeNull();
  });
});
