import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAccessMatrix } from './access-table';

const MATRIX_DOC = join(__dirname, '../../../docs/security/access-matrix.md');

// The README links this page; it must say what the role-matrix suite enforces.
// Regenerate: UPDATE_ACCESS_MATRIX=1 npx jest test/e2e/access
it('docs/security/access-matrix.md is the access table as it stands', () => {
  if (process.env.UPDATE_ACCESS_MATRIX === '1') writeFileSync(MATRIX_DOC, renderAccessMatrix());
  expect(readFileSync(MATRIX_DOC, 'utf8')).toBe(renderAccessMatrix());
});
