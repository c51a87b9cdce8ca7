// The client contract's operations, for tests and benchmarks that drive the
// gateway the way front ends do.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Kind, parse, print } = require('graphql');

const contract = parse(readFileSync(join(__dirname, 'operations/contract.graphql'), 'utf8'));

/** The text of one operation of the client contract, by name, exactly as front ends send it. */
function operation(name) {
  const found = contract.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.name && d.name.value === name,
  );
  if (!found) throw new Error(`The contract has no operation named ${name}`);
  return print(found);
}

module.exports = { operation, contract };
