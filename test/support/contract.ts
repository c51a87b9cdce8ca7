import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentNode, Kind, OperationDefinitionNode, parse, print } from 'graphql';

const contract: DocumentNode = parse(readFileSync(join(__dirname, '../../clients/operations/contract.graphql'), 'utf8'));

/** The text of one operation of the client contract, by name, exactly as front ends send it. */
export function operation(name: string): string {
  const found = contract.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!found) throw new Error(`The contract has no operation named ${name}`);
  return print(found);
}
