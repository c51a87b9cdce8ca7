export * from './location-facts';
export * from './time-zone';
