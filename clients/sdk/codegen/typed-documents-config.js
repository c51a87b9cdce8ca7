// How GraphQL Code Generator types Carebook's documents: the SDK's (generate.js) and the subgraph tests'
// (scripts/generate-test-operations.mjs), so a test reads an answer with the types a front end gets.
const typescriptOperations = require('@graphql-codegen/typescript-operations');
const typedDocumentNode = require('@graphql-codegen/typed-document-node');

/** TypedDocumentNode documents with their result and variables types; `scalars`: more custom scalars' types. */
function typedDocumentsOptions(scalars = {}) {
  return {
    plugins: [{ typescriptOperations: {} }, { typedDocumentNode: {} }],
    pluginMap: { typescriptOperations, typedDocumentNode },
    config: {
      // Deliberate: the wire format of each custom scalar (see the contract's header).
      scalars: {
        DateTime: { input: 'string', output: 'string' },
        Date: { input: 'string', output: 'string' },
        Decimal: { input: 'string', output: 'string' },
        ...scalars,
      },
      strictScalars: true,
      enumType: 'const',
      useTypeImports: true,
      avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      nonOptionalTypename: false,
    },
  };
}

module.exports = { typedDocumentsOptions };
