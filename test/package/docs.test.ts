/**
 * Builds the API reference with `npm run docs` and opens it in headless Chromium with
 * every request other than the page itself aborted, which proves it renders offline.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../scripts/pack-package.js';

const execFileAsync = promisify(execFile);

const chromiumPath = '/usr/bin/chromium';
const chromiumMissing = `Chromium is missing at ${chromiumPath}: install Debian's chromium package with apt-get install -y chromium.`;
const referencePath = path.join(repositoryRoot, 'docs/reference/index.html');
const referenceUrl = pathToFileURL(referencePath).href;
// The screenshot that the README shows. The test rewrites it when UPDATE_SCREENSHOT is set.
const screenshotPath = path.join(repositoryRoot, 'docs/api-reference.png');

// --disable-background-networking, --disable-component-update and --disable-sync keep
// Chromium from contacting Google services, which this test must not reach.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser | undefined;

beforeAll(async () => {
  await execFileAsync('npm', ['run', 'docs'], { cwd: repositoryRoot });
});

afterAll(async () => {
  await browser?.close();
});

describe('API reference', () => {
  it('builds into one self-contained file', async () => {
    const html = await readFile(referencePath, 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link[^>]*\shref=/);
  });

  it('renders Get runner offline', async (context) => {
    if (!existsSync(chromiumPath)) {
      // CI must render the page, so a missing browser fails there instead of skipping.
      if (process.env.CI) throw new Error(chromiumMissing);
      // The default reporter hides skip notes, so the reason is also printed.
      console.warn(`Skipped: ${chromiumMissing}`);
      context.skip(chromiumMissing);
    }

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const blockedRequests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === referenceUrl) return route.continue();
      blockedRequests.push(url);

      return route.abort('internetdisconnected');
    });

    await page.goto(referenceUrl);
    await page.getByRole('link', { name: 'PlatformInfrastructure', exact: true }).click();
    await page.getByRole('link', { name: /^Get runner/ }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'Get runner' });
    await heading.waitFor({ state: 'visible' });

    expect(await heading.isVisible()).toBe(true);
    for (const field of ['runner_id', 'host_ip', 'health_checks']) {
      const fieldName = page.getByText(field, { exact: true }).first();
      expect(await fieldName.isVisible(), field).toBe(true);
    }
    expect(blockedRequests).toEqual([]);

    // Chromium's PNG bytes differ from run to run, so the committed screenshot is only
    // rewritten on request.
    const screenshot = await page.screenshot();
    expect(screenshot.length).toBeGreaterThan(0);
    if (process.env.UPDATE_SCREENSHOT) await writeFile(screenshotPath, screenshot);
  });
});
