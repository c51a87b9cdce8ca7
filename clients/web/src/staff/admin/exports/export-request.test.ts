import { exportFileName, exportUrl, refusalText } from './export-request';

describe('the CSV export requests', () => {
  it('builds the gateway route beside /graphql with the filled-in parameters only', () => {
    expect(
      exportUrl('http://localhost:4000/graphql', 'appointments', {
        from: '2026-12-01',
        to: '2026-12-31',
        doctorId: '',
        status: 'CONFIRMED',
      }),
    ).toBe('http://localhost:4000/exports/appointments.csv?from=2026-12-01&to=2026-12-31&status=CONFIRMED');
    expect(
      exportUrl('https://api.clinic.example/graphql', 'invoices', {
        from: '2026-01-01',
        to: '2026-01-31',
        status: undefined,
      }),
    ).toBe('https://api.clinic.example/exports/invoices.csv?from=2026-01-01&to=2026-01-31');
    expect(exportFileName('invoices', '2026-01-01', '2026-01-31')).toBe('invoices-2026-01-01-2026-01-31.csv');
  });

  it("says what went wrong: the gateway's words for a parameter at fault, ours otherwise", () => {
    const words = { sessionEnded: 'Sign in again.', forbidden: 'Not for you.', server: 'Our fault.' };
    expect(
      refusalText(
        400,
        JSON.stringify({ error: { code: 'BAD_USER_INPUT', message: 'to: at most 366 days after from' } }),
        words,
      ),
    ).toBe('to: at most 366 days after from');
    expect(refusalText(400, '<html>bad gateway</html>', words)).toBe('Our fault.');
    expect(refusalText(401, '{}', words)).toBe('Sign in again.');
    expect(
      refusalText(403, JSON.stringify({ error: { message: 'Exports are for administrators only.' } }), words),
    ).toBe('Not for you.');
    expect(refusalText(502, '', words)).toBe('Our fault.');
  });
});
