import { DriverException } from '@mikro-orm/core';
import { mongoErrorLabels } from './mongo-error-labels';

/** Shaped like the MongoDB driver's MongoError: labels in a set field, read through a getter on the class. */
class DriverError extends Error {
  private readonly errorLabelSet = new Set<string>();
  constructor(...labels: string[]) {
    super('Write conflict during plan execution');
    labels.forEach((label) => this.errorLabelSet.add(label));
  }
  get errorLabels(): string[] {
    return [...this.errorLabelSet];
  }
}

describe('MongoDB error labels', () => {
  it('reads them from the driver error and from MikroORM wrapping it', () => {
    const error = new DriverError('TransientTransactionError');
    expect(mongoErrorLabels(error)).toEqual(['TransientTransactionError']);
    expect(mongoErrorLabels(new DriverException(error))).toEqual(['TransientTransactionError']);
  });

  it('finds none on other errors and on thrown non-errors', () => {
    expect(mongoErrorLabels(new Error('Deadlock found'))).toEqual([]);
    expect(mongoErrorLabels(new DriverException(new DriverError()))).toEqual([]);
    for (const thrown of [undefined, null, 'TransientTransactionError', { errorLabels: 'x' }])
      expect(mongoErrorLabels(thrown)).toEqual([]);
  });
});
