import { spreadsheetSafe } from './spreadsheet-safe';

describe('spreadsheetSafe', () => {
  it.each(['=1+2', '+44 20', '-cmd', '@SUM(A1)', '\tx', '\rx'])(
    'turns %j into text with a leading apostrophe',
    (cell) => {
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves other text, plain numbers and non-text alone', () => {
    expect(spreadsheetSafe('Ann = Bob')).toBe('Ann = Bob');
    expect(spreadsheetSafe('-5.00')).toBe('-5.00');
    expect(spreadsheetSafe(12)).toBe(12);
    expect(spreadsheetSafe(null)).toBeNull();
    expect(spreadsheetSafe(undefined)).toBeNull();
  });
});
