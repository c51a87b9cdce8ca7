import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const generator = join(__dirname, '../codegen/generate.js');
const committed = () => readFileSync(join(__dirname, '../src/generated/operations.ts'), 'utf8');
// The generator runs as `pnpm build` runs it (its ES-module plugins do not load inside jest).
const generate = (...args: string[]) =>
  execFileSync(process.execPath, [generator, '--print', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });

describe('the generated SDK', () => {
  it('is what the code generator makes of the supergraph and the contract (run `pnpm build` and commit when this fails)', () => {
    expect(generate() === committed()).toBe(true);
  });

  it('changes when the contract does (so the check above can fail)', () => {
    const contract = join(mkdtempSync(join(tmpdir(), 'carebook-sdk-')), 'contract.graphql');
    writeFileSync(
      contract,
      `${readFileSync(join(root, 'clients/operations/contract.graphql'), 'utf8')}\nquery ExtraForTheTest { me { id } }\n`,
    );
    const source = generate(`--contract=${contract}`);
    expect(source).toContain('export const ExtraForTheTestDocument');
    expect(source).not.toBe(committed());
  });

  it('comes from the API schema (no federation machinery), with the custom scalars as strings', () => {
    const source = committed();
    expect(source).not.toMatch(/join__|link__/);
    expect(source).toMatch(
      /export type MyInvoicesQuery = \{ myInvoices: Array<\{ id: string, amount: string, currency: string, status: InvoiceStatus, issuedAt: string, paidAt: string \| null/,
    );
    expect(source).toContain('export const AppointmentStatus = {');
  });
});
