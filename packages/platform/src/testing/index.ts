export * from './test-database';
export * from './test-issuer';
export * from './graphql-client';
export * from './spawn-service';
export * from './stack';
export * from './live-client';
