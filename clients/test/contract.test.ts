import { Supergraph } from '@apollo/federation-internals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from 'graphql';

const root = join(__dirname, '../..');
const apiSchema: GraphQLSchema = Supergraph.build(readFileSync(join(root, 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();
const contract: DocumentNode = parse(readFileSync(join(__dirname, '../operations/contract.graphql'), 'utf8'));
const operations = contract.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

function errorsOf(operation: OperationDefinitionNode): string[] {
  // graphql-js validation skips the fields of a root type the schema lacks (say, no Subscription), so check it first.
  if (!apiSchema.getRootType(operation.operation)) return [`The supergraph has no ${operation.operation} type.`];
  return validate(apiSchema, { kind: Kind.DOCUMENT, definitions: [operation] }).map((e) => e.message);
}

describe('the client contract against the composed supergraph', () => {
  it('holds every operation of the contract', () => {
    expect(operations.length).toBe(47);
  });

  it.each(operations.map((op) => [op.name!.value, op] as const))('%s validates', (_name, operation) => {
    expect(errorsOf(operation)).toEqual([]);
  });

  // The end-to-end suites drive the gateway with these documents by name (operation('Name'), gql('Name', ...)).
  const e2eSources = readdirSync(join(root, 'test/e2e')).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(root, 'test/e2e', f), 'utf8')).join('\n');
  it.each(operations.map((op) => [op.name!.value]))('%s is run by an end-to-end suite', (name) => {
    expect(e2eSources).toMatch(new RegExp(`\\(\\s*'${name}'`));
  });
});
