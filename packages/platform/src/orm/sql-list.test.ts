import { sqlList } from './sql-list';

describe('a padded list for `in (...)`', () => {
  it('pads to the next power of two with the last value, keeping every value and its order', () => {
    expect(sqlList(['a'])).toEqual({ placeholders: '?', values: ['a'] });
    expect(sqlList(['a', 'b', 'c'])).toEqual({ placeholders: '?, ?, ?, ?', values: ['a', 'b', 'c', 'c'] });
    expect(sqlList(['a', 'b', 'c', 'd'])).toEqual({ placeholders: '?, ?, ?, ?', values: ['a', 'b', 'c', 'd'] });
  });

  it('gives lists of 1 to 500 values only 10 statement shapes', () => {
    const shapes = new Set(
      Array.from({ length: 500 }, (_, i) => sqlList(Array.from({ length: i + 1 }, (_, j) => j)).placeholders),
    );
    expect(shapes.size).toBe(10);
  });

  it('refuses an empty list, which SQL cannot say', () => {
    expect(() => sqlList([])).toThrow(/at least one value/);
  });
});
