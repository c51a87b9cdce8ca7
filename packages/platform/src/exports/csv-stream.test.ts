import { text } from 'node:stream/consumers';
import { csvStream } from './csv-stream';

type Row = { name: string; amount: string };
const columns = [
  { header: 'name', value: (r: Row) => r.name },
  { header: 'amount', value: (r: Row) => r.amount },
];

describe('csvStream', () => {
  it('writes the header and every batch, quoted and spreadsheet-safe', async () => {
    async function* batches() {
      yield [{ name: 'Smith, "Ann"\nJr', amount: '10.00' }];
      yield [{ name: '=2+3', amount: '-1.50' }];
    }
    expect(await text(csvStream(columns, batches()))).toBe('name,amount\n"Smith, ""Ann""\nJr",10.00\n\'=2+3,-1.50\n');
  });

  it('asks for the next batch only when the reader has taken the previous one', async () => {
    let asked = 0;
    async function* batches() {
      for (;;) {
        asked += 1;
        yield Array.from({ length: 500 }, () => ({ name: 'x'.repeat(100), amount: '1.00' }));
      }
    }
    const stream = csvStream(columns, batches());
    stream.read(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBeLessThan(5);
    stream.destroy();
  });

  it('fails the stream when a batch cannot be read, rather than ending short', async () => {
    async function* batches(): AsyncGenerator<Row[]> {
      yield [{ name: 'a', amount: '1.00' }];
      throw new Error('database gone');
    }
    await expect(text(csvStream(columns, batches()))).rejects.toThrow('database gone');
  });
});
