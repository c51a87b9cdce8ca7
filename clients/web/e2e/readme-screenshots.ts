import type { Page, TestInfo } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the README's screenshots live (taken by these tests). */
const README_SCREENSHOTS = join(__dirname, '../../../docs/screenshots');

/**
 * A full-page screenshot in the test's output (kept with the report); with
 * UPDATE_SCREENSHOTS=1 also copied to docs/screenshots for the README, so an
 * ordinary test run never rewrites files in the repository.
 */
export async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync(README_SCREENSHOTS, { recursive: true });
    copyFileSync(path, join(README_SCREENSHOTS, `${name}.png`));
  }
}
