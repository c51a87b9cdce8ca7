/**
 * Test code whose GraphQL answers (and other JSON) are still `any`: the no-unsafe rules are off here until a suite
 * reads typed answers, from the SDK's documents through the gateway or from its subgraph's generated test
 * operations (`test/*.graphql`, `scripts/generate-test-operations.mjs`). The rules hold for every test folder not
 * listed, and for any folder added; typing one and taking it off this list is issue 16's follow-up work.
 * Typed so far: every subgraph's tests (subgraphs/<name>/test), the unit tests beside the sources (`*.test.ts` in
 * a src folder), packages/platform/test and the test kit (packages/platform/src/testing: its one `any`,
 * UntypedAnswer, is what an operation posted as text answers), gateway/test, clients/{test,sdk/test,web/e2e}.
 */
export const untypedTests = ['test/**/*.ts'];
