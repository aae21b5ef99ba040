// The documentation site in a real browser: the running server serves the built Redoc page at
// /docs; every operation's section renders with its request and response samples and its curl
// line, the SDK call is one click away, nothing is fetched from outside the server, and
// screenshots are saved to test-output/ (docs.png, docs-code-samples.png, docs-overview.png).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { withCodeSamples } from '../../scripts/docs/code-samples.js';
import { findExternalLoads } from '../../scripts/docs/external-loads.js';
import { contractOperations, readContract } from '../e2e/support/contract-operations.js';
import { ROOT, type RunningServer, startServer } from '../e2e/support/server-process.js';
import { browserSuiteEnabled, launchChromium } from './chromium.js';

const OUTPUT = join(ROOT, 'test-output');
const DOCS_HTML = join(OUTPUT, 'docs', 'index.html');
const contract = readContract();
const documented = withCodeSamples(contract);
const operations = contractOperations(contract).map((o) => ({
  ...o,
  tag: (contract.paths[o.path][o.method].tags?.[0] ?? '') as string,
  summary: contract.paths[o.path][o.method].summary as string,
  hasBody: Boolean(contract.paths[o.path][o.method].requestBody),
  samples: documented.paths[o.path][o.method]['x-codeSamples'] as { label: string; source: string }[],
}));

describe.runIf(browserSuiteEnabled('docs browser test'))('GET /docs in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  /** Every URL the page asked for that is not the server itself. */
  const foreign: string[] = [];
  /** Console errors, such as a Content-Security-Policy refusal. */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    // The same build `make docs` runs, written where this test can own it.
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/docs/build-docs.ts', '--output', DOCS_HTML], { cwd: ROOT, stdio: 'pipe' });
    server = await startServer({ env: { DOCS_HTML } });
    browser = await launchChromium();
    context = await newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A browser context (an anonymous reader) that blocks and records every request to another origin. */
  async function newContext(): Promise<BrowserContext> {
    const created = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await created.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    return created;
  }

  /** Opens /docs at one operation's anchor and waits until Redoc has rendered its section. */
  async function openOperation(tag: string, operationId: string) {
    const page = await context.newPage();
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    const anchor = `${tag}/${operationId.toLowerCase()}`;
    const response = await page.goto(`${server.baseUrl}/docs#/${anchor}`);
    expect(response?.status()).toBe(200);
    const section = page.locator(`[id="${anchor}"]`);
    await section.waitFor({ state: 'visible' });
    return { page, section };
  }

  it('when the built page is read, nothing in it loads from another origin', () => {
    expect(findExternalLoads(readFileSync(DOCS_HTML, 'utf8'))).toEqual([]);
  });

  it.each(operations)('when opened at $operationId, renders its section with request and response samples', async (op) => {
    const { page, section } = await openOperation(op.tag, op.operationId);
    await expect(section.innerText()).resolves.toContain(op.summary);
    const text = await section.innerText();
    expect(text).toContain(op.path);
    // The request sample panel opens on the curl sample; its first line is there as written.
    expect(text).toContain(op.samples[0]!.source.split('\n')[0]);
    expect(text).toMatch(/Response/);
    // Every operation's 2xx example appears in the response sample panel.
    expect(await section.locator('[data-component-name="CodeBlock/CodeBlock"]').count()).toBeGreaterThan(op.hasBody ? 1 : 0);
    if (op.operationId === 'createCustomer') {
      await section.scrollIntoViewIfNeeded();
      const png = await page.screenshot({ path: join(OUTPUT, 'docs.png'), animations: 'disabled', timeout: 10_000 });
      // A blank 1440x900 page compresses to ~6 kB; a rendered operation is far larger.
      expect(png.byteLength).toBeGreaterThan(30_000);
    }
    await page.close();
  });

  it('when the TypeScript SDK sample of createCustomer is chosen, it renders as derived and a screenshot is saved', async () => {
    const op = operations.find((o) => o.operationId === 'createCustomer')!;
    const { page, section } = await openOperation(op.tag, op.operationId);
    const samples = section.locator('.panel-request-samples');
    await expect(samples.innerText()).resolves.toContain('-H "Authorization: Bearer $TOKEN"');
    await samples.getByRole('button', { name: 'curl' }).click();
    await page.getByRole('menuitem', { name: 'TypeScript SDK' }).click();
    const shown = await samples.locator('[data-component-name="CodeBlock/CodeBlockContainer"]').innerText();
    expect(shown.trim()).toBe(op.samples[1]!.source);
    await samples.scrollIntoViewIfNeeded();
    const png = await page.screenshot({ path: join(OUTPUT, 'docs-code-samples.png'), animations: 'disabled', timeout: 10_000 });
    expect(png.byteLength).toBeGreaterThan(30_000);
    // Back to curl, so the pages opened after this one start from the same language.
    await samples.getByRole('button', { name: 'TypeScript SDK' }).click();
    await page.getByRole('menuitem', { name: 'curl' }).click();
    await page.close();
  });

  it("when an operation's server list is opened, the server's description reads without Markdown backticks", async () => {
    const { page, section } = await openOperation('system', 'getHealth');
    await section
      .locator('.panel-request-samples')
      .getByRole('button', { name: /\/health/ })
      .click();
    const menu = section.locator('[data-component-name="Dropdown/DropdownMenu"]').first();
    const description = contract.servers[0].description as string;
    await expect(menu.innerText()).resolves.toContain(description);
    expect(description).not.toContain('`');
    await page.close();
  });

  it('when the overview is opened, every tag is in the sidebar and a screenshot is saved', async () => {
    const overview = await newContext();
    const page = await overview.newPage();
    await page.goto(`${server.baseUrl}/docs`);
    const menu = page.locator('[data-component-name="Menu/Menu"]').first();
    await menu.waitFor();
    // Operation lists below the fold render lazily, so each operation is checked at its own anchor above.
    const sidebar = await menu.innerText();
    for (const tag of new Set(operations.map((op) => op.tag))) expect(sidebar).toContain(tag);
    // Redoc's attribution badge, empty without its CDN logo, is hidden by the build.
    expect(await page.getByText('API docs by').isVisible()).toBe(false);
    await page.screenshot({ path: join(OUTPUT, 'docs-overview.png'), animations: 'disabled', timeout: 10_000 });
    await overview.close();
  });

  it('when every page has loaded, no request left the server and the browser logged no errors', () => {
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
