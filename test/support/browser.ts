/**
 * A real Chromium for the portal's browser tests: Debian's `chromium` (installed by `scripts/tools.sh chromium`
 * when missing), driven by playwright-core with `executablePath`. Browsers downloaded by npm packages cannot be
 * fetched on this machine, so none is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { toolPath } from './temporal';

export interface TestBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * Headless, sandbox off (tests run as root), and no background networking: this machine's closed network refuses
 * Chromium's own connections, many at a time, otherwise.
 */
export async function launchChromium(): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'dondoc-chromium-'));
  const browser = await chromium.launch({
    executablePath: toolPath('chromium'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
