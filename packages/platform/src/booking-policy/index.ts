export * from './booking-policy';
export * from './booking-policy-env';
