import { isIsoCurrency, medicalServiceSchema, priceProblem } from './medical-service-input';

const valid = {
  name: 'General check-up',
  category: 'GENERAL_CHECKUP',
  durationMinutes: 30,
  price: '35.00',
  currency: 'EUR',
};

function problems(input: Record<string, unknown>): string[] {
  const result = medicalServiceSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('medical service rules', () => {
  it('normalises the price to two decimals without floating point', () => {
    expect(medicalServiceSchema.parse({ ...valid, price: '35' }).price).toBe('35.00');
    expect(medicalServiceSchema.parse({ ...valid, price: '0.1' }).price).toBe('0.10');
    expect(medicalServiceSchema.parse({ ...valid, price: '99999999.99' }).price).toBe('99999999.99');
    expect(medicalServiceSchema.parse({ ...valid, description: '' }).description).toBeNull();
  });

  it.each([
    ['35.00', null],
    ['0', null],
    ['-1.00', 'must not be negative'],
    ['35.005', 'must have at most two decimals'],
    ['100000000.00', 'must be below 100000000'],
    ['35,00', 'must be an amount written as a string like "35.00"'],
    ['1e3', 'must be an amount written as a string like "35.00"'],
    ['', 'must be an amount written as a string like "35.00"'],
  ])('judges price %j', (price, problem) => {
    expect(priceProblem(price)).toBe(problem);
  });

  it('takes buffers of 0 to 240 whole minutes before and after each appointment, none when left out', () => {
    expect(medicalServiceSchema.parse({ ...valid, bufferBeforeMinutes: 10, bufferAfterMinutes: 240 })).toMatchObject({
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 240,
    });
    expect(medicalServiceSchema.parse(valid).bufferBeforeMinutes).toBeUndefined();
    expect(problems({ ...valid, bufferBeforeMinutes: -5 })).toEqual([
      'bufferBeforeMinutes: must be 0 to 240 minutes (the time the doctor needs before each appointment)',
    ]);
    expect(problems({ ...valid, bufferAfterMinutes: 241 })).toEqual([
      'bufferAfterMinutes: must be 0 to 240 minutes (the time the doctor needs after each appointment)',
    ]);
    expect(problems({ ...valid, bufferAfterMinutes: 7.5 })).toEqual(['bufferAfterMinutes: must be whole minutes']);
    expect(problems({ ...valid, bufferAfterMinutes: '10' })).toEqual([
      'bufferAfterMinutes: must be a number of minutes',
    ]);
  });

  it('knows ISO 4217 codes and wants them in capitals', () => {
    expect(isIsoCurrency('EUR')).toBe(true);
    expect(isIsoCurrency('CHF')).toBe(true);
    expect(isIsoCurrency('eur')).toBe(false);
    expect(isIsoCurrency('EURO')).toBe(false);
    expect(isIsoCurrency('XYZ')).toBe(false);
  });

  it.each([
    [{ name: 'X' }, 'name'],
    [{ name: 'x'.repeat(121) }, 'name'],
    [{ category: 'SURGERY' }, 'category'],
    [{ durationMinutes: 4 }, 'durationMinutes'],
    [{ durationMinutes: 481 }, 'durationMinutes'],
    [{ durationMinutes: 12.5 }, 'durationMinutes'],
    [{ price: 35 }, 'price'],
    [{ price: '-5' }, 'price'],
    [{ currency: 'eur' }, 'currency'],
    [{ description: 'x'.repeat(2001) }, 'description'],
  ])('refuses %j, naming %s', (change, field) => {
    const found = problems({ ...valid, ...change });
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(`${field}: `)).toBe(true);
  });

  it('names the allowed categories when one is wrong', () => {
    expect(problems({ ...valid, category: 'SURGERY' })[0]).toBe(
      'category: must be one of GENERAL_CHECKUP, SPECIALIST_CONSULTATION, LAB_TEST, VACCINATION, FOLLOW_UP',
    );
  });
});
