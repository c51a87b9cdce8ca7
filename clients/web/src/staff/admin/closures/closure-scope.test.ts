import { closureTarget, scopeOfKind } from './closure-scope';

describe('whom a clinic closure closes', () => {
  it('leaves doctorIds out for every doctor (an empty list would close no one)', () => {
    expect(closureTarget({ kind: 'EVERY_DOCTOR' })).toEqual({ ok: true, variables: {} });
  });

  it('sends the chosen doctors once each, and refuses to send none', () => {
    expect(closureTarget({ kind: 'CHOSEN_DOCTORS', doctorIds: ['a', 'b', 'a'] })).toEqual({
      ok: true,
      variables: { doctorIds: ['a', 'b'] },
    });
    expect(closureTarget({ kind: 'CHOSEN_DOCTORS', doctorIds: [] })).toEqual({
      ok: false,
      problem: 'NO_DOCTOR_CHOSEN',
    });
  });

  it('sends one location alone (never with doctors), and refuses to send none', () => {
    expect(closureTarget({ kind: 'ONE_LOCATION', locationId: 'ny' })).toEqual({
      ok: true,
      variables: { locationId: 'ny' },
    });
    expect(closureTarget({ kind: 'ONE_LOCATION', locationId: null })).toEqual({
      ok: false,
      problem: 'NO_LOCATION_CHOSEN',
    });
  });

  it("starts a location closure at the first location listed, and keeps a kind's choice while it stays picked", () => {
    expect(scopeOfKind('ONE_LOCATION', { kind: 'EVERY_DOCTOR' }, 'default')).toEqual({
      kind: 'ONE_LOCATION',
      locationId: 'default',
    });
    const chosen = { kind: 'CHOSEN_DOCTORS' as const, doctorIds: ['a'] };
    expect(scopeOfKind('CHOSEN_DOCTORS', chosen, 'default')).toBe(chosen);
    expect(scopeOfKind('EVERY_DOCTOR', chosen, 'default')).toEqual({ kind: 'EVERY_DOCTOR' });
  });
});
