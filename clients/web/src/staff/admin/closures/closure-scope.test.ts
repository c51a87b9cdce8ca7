import { closureTarget } from './closure-scope';

describe('whom a clinic closure closes', () => {
  it('leaves doctorIds out for every doctor (an empty list would close no one)', () => {
    expect(closureTarget({ kind: 'EVERY_DOCTOR' })).toEqual({ ok: true, variables: {} });
  });

  it('sends the chosen doctors once each, and refuses to send none', () => {
    expect(closureTarget({ kind: 'CHOSEN_DOCTORS', doctorIds: ['a', 'b', 'a'] })).toEqual({ ok: true, variables: { doctorIds: ['a', 'b'] } });
    expect(closureTarget({ kind: 'CHOSEN_DOCTORS', doctorIds: [] })).toEqual({ ok: false, problem: 'NO_DOCTOR_CHOSEN' });
  });
});
