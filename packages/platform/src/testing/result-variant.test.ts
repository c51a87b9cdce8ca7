import { variant } from './result-variant';

type Outcome = { __typename: 'BookingConfirmed'; appointment: { id: string } } | { __typename: 'SlotUnavailable'; alternatives: string[] };

describe('variant', () => {
  it('answers the member the test expects, typed as it', () => {
    const outcome: Outcome = { __typename: 'BookingConfirmed', appointment: { id: 'a-1' } };
    expect(variant(outcome, 'BookingConfirmed').appointment.id).toBe('a-1');
  });

  it('fails naming what the API answered instead', () => {
    const outcome: Outcome = { __typename: 'SlotUnavailable', alternatives: ['s-2'] };
    expect(() => variant(outcome, 'BookingConfirmed')).toThrow('Expected BookingConfirmed, got {"__typename":"SlotUnavailable","alternatives":["s-2"]}');
  });
});
