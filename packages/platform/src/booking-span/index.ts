export * from './booking-span';
