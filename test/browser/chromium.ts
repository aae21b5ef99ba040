import { existsSync } from 'node:fs';

import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether a browser suite can run; when not, why, in one line. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  return `${CHROMIUM_PATH} is missing: run make browser-deps as root (or apt-get install -y chromium)`;
}

/**
 * Decides whether the browser suite runs: it does when Chromium is installed; otherwise it is
 * skipped with a loud line on the console, or fails when REQUIRE_BROWSER=1 (CI sets it).
 */
export function browserSuiteEnabled(suite: string): boolean {
  const reason = browserUnavailable();
  if (!reason) return true;
  if (process.env.REQUIRE_BROWSER === '1') throw new Error(`${suite}: REQUIRE_BROWSER=1 but ${reason}`);
  console.warn(`\n!!! SKIPPING ${suite}: ${reason} !!!\n`);
  return false;
}

/** Launches headless Chromium with no background traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
