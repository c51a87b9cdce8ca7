import {
  checkNewRecord,
  checkRecordChanges,
  DIAGNOSIS_MAX_LENGTH,
  NOTES_MAX_LENGTH,
  recordEditRefusal,
} from './record-rules';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    // The rules throw the platform's errors, which carry their code in their extensions.
    return (error as { extensions: { code?: unknown } }).extensions.code;
  }
  return 'accepted';
};

describe('medical record rules', () => {
  it('trims the diagnosis and keeps notes as written', () => {
    expect(checkNewRecord({ diagnosis: '  Otitis media ', notes: ' left ear ' })).toEqual({
      diagnosis: 'Otitis media',
      notes: ' left ear ',
    });
    expect(checkNewRecord({ diagnosis: 'Otitis media' })).toEqual({ diagnosis: 'Otitis media', notes: null });
  });

  it('refuses a blank or too long diagnosis and too long notes', () => {
    expect(codeOf(() => checkNewRecord({ diagnosis: ' ' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkNewRecord({ diagnosis: 'x'.repeat(DIAGNOSIS_MAX_LENGTH + 1) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkNewRecord({ diagnosis: 'x'.repeat(DIAGNOSIS_MAX_LENGTH) }))).toBe('accepted');
    expect(codeOf(() => checkNewRecord({ diagnosis: 'Flu', notes: 'x'.repeat(NOTES_MAX_LENGTH + 1) }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('needs at least one field to change, never removes the diagnosis, and may remove notes', () => {
    expect(codeOf(() => checkRecordChanges({}))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkRecordChanges({ diagnosis: null }))).toBe('BAD_USER_INPUT');
    expect(checkRecordChanges({ notes: null })).toEqual({ notes: null });
    expect(checkRecordChanges({ diagnosis: 'Flu ' })).toEqual({ diagnosis: 'Flu' });
  });

  it('lets only the author edit a record', () => {
    expect(recordEditRefusal({ doctorId: 'doc-a' }, 'doc-a')).toBeUndefined();
    expect(recordEditRefusal({ doctorId: 'doc-a' }, 'doc-b')?.extensions.code).toBe('FORBIDDEN');
  });
});
