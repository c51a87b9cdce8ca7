import { variant } from './result-variant';

type Outcome =
  | { __typename: 'BookingConfirmed'; appointment: { id: string } }
  | { __typename: 'SlotUnavailable'; alternatives: string[] };

describe('variant', () => {
  it('answers the member the test expects, typed as it', () => {
    const outcome: Outcome = { __typename: 'BookingConfirmed', appointment: { id: 'a-1' } };
    expect(variant(outcome, 'BookingConfirmed').appointment.id).toBe('a-1');
  });

  it('fails naming what the API answered instead', () => {
    // Widened on purpose: the API's answer is any member of the union, not the one TypeScript saw assigned.
    const outcome = { __typename: 'SlotUnavailable', alternatives: ['s-2'] } as Outcome;
    expect(() => variant(outcome, 'BookingConfirmed')).toThrow(
      'Expected BookingConfirmed, got {"__typename":"SlotUnavailable","alternatives":["s-2"]}',
    );
  });
});
