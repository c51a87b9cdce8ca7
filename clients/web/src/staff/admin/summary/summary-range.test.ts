import { defaultRange } from './summary-range';

describe('the summary page’s opening range', () => {
  it('spans two weeks of days, eight weeks, or six whole months around today', () => {
    expect(defaultRange('DAY', '2026-12-03')).toEqual({ from: '2026-11-26', to: '2026-12-09' });
    expect(defaultRange('WEEK', '2026-12-03')).toEqual({ from: '2026-11-05', to: '2026-12-30' });
    expect(defaultRange('MONTH', '2026-12-03')).toEqual({ from: '2026-08-01', to: '2027-01-31' });
  });
});
