export * from './test-database';
export * from './test-issuer';
export * from './graphql-client';
export * from './spawn-service';
export * from './spawn-worker';
export * from './smtp-sink';
export * from './stack';
export * from './appointment-fixture';
