import { contract, operation } from '@carebook/clients';
import * as sdk from '@carebook/sdk';
import { Kind, print } from 'graphql';

/**
 * contractCall sends print(document): the gateway's operation log (and the
 * check that every contract operation ran in some suite) knows operations by
 * that text, so every generated document must print as the contract has it.
 */
describe('the SDK documents contractCall sends', () => {
  const names = contract.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
  );

  it('has a document for every contract operation', () => {
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !(`${name}Document` in sdk))).toEqual([]);
  });

  it.each(names)('%s prints exactly as the contract has it', (name) => {
    const document = (sdk as unknown as Record<string, Parameters<typeof print>[0]>)[`${name}Document`];
    expect(print(document)).toBe(operation(name));
  });
});
