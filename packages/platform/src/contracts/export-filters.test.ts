import { appointmentExportFilter, exportRangeInstants, invoiceExportFilter, readExportFilter } from './export-filters';

const refusal = (schema: Parameters<typeof readExportFilter>[0], raw: Record<string, unknown>) => {
  try {
    readExportFilter(schema, raw);
  } catch (error) {
    return { message: (error as Error).message, field: (error as { extensions: { field?: string } }).extensions.field };
  }
  throw new Error('the filter was accepted');
};

describe('export filters', () => {
  it('reads a full filter and treats empty parameters as absent', () => {
    expect(
      readExportFilter(appointmentExportFilter, {
        from: '2026-03-01',
        to: '2026-03-31',
        doctorId: '',
        status: 'CONFIRMED',
      }),
    ).toEqual({ from: '2026-03-01', to: '2026-03-31', status: 'CONFIRMED' });
    expect(readExportFilter(invoiceExportFilter, { from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-03-01',
      to: '2026-03-01',
    });
  });

  it('names the parameter at fault', () => {
    expect(refusal(appointmentExportFilter, { to: '2026-03-01' })).toEqual({
      message: 'from is required: a date like 2026-12-01',
      field: 'from',
    });
    expect(refusal(appointmentExportFilter, { from: '2026-02-30', to: '2026-03-01' })).toEqual({
      message: 'from must be a date like 2026-12-01',
      field: 'from',
    });
    expect(refusal(appointmentExportFilter, { from: ['2026-03-01', '2026-03-02'], to: '2026-03-03' }).message).toBe(
      'from must be given once, as a date like 2026-12-01',
    );
    expect(refusal(appointmentExportFilter, { from: '2026-03-02', to: '2026-03-01' })).toEqual({
      message: 'to must not be before from',
      field: 'to',
    });
    expect(refusal(invoiceExportFilter, { from: '2026-01-01', to: '2026-01-02', doctorId: 'x' })).toEqual({
      message: 'doctorId: unknown parameter; an export takes from, to, status',
      field: 'doctorId',
    });
  });

  it('allows a year (366 days) and no more', () => {
    expect(() => readExportFilter(appointmentExportFilter, { from: '2028-01-01', to: '2028-12-31' })).not.toThrow();
    expect(refusal(appointmentExportFilter, { from: '2026-01-01', to: '2027-01-02' }).message).toBe(
      'to: the range covers 367 days; export at most 366 at a time',
    );
  });

  it("bounds the days on the clinic's clock", () => {
    expect(exportRangeInstants({ from: '2026-03-01', to: '2026-03-02' }, 'Europe/Berlin')).toEqual({
      start: new Date('2026-02-28T23:00:00Z'),
      end: new Date('2026-03-02T23:00:00Z'),
    });
    // The day the clocks go forward has 23 hours.
    expect(exportRangeInstants({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Berlin')).toEqual({
      start: new Date('2026-03-28T23:00:00Z'),
      end: new Date('2026-03-29T22:00:00Z'),
    });
  });
});
