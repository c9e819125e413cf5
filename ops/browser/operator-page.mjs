// Drives the worker's operator page in Debian's headless Chromium (playwright-core, no browser download):
//   node ops/browser/operator-page.mjs <worker-url> <token> [screenshot-path]
// Expects one tenant in CompensationFailed (its upload failed with a Cloudflare error code, and so did its undo), one
// Active, and one Provisioning whose step waits for the Cloudflare API budget. Prints one line per check; exit code 0
// when all pass. CHROMIUM overrides /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [url, token, screenshotArg] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: operator-page.mjs <worker-url> <token> [screenshot-path]');
  process.exit(2);
}

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshot = resolve(screenshotArg ?? `${repo}/artifacts/operator-page.png`);
const timeout = 30_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(timeout);
  const external = [];
  page.on('request', request => { if (!request.url().startsWith(new URL(url).origin)) external.push(request.url()); });

  await page.goto(new URL('/ui/', url).toString());
  await page.getByLabel('Front door token (FrontDoor__Token)').waitFor();
  console.log('login: the page asked for the token');
  await page.getByLabel('Front door token (FrontDoor__Token)').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();

  const failedButton = page.locator('#states button[data-state="CompensationFailed"]');
  await failedButton.waitFor();
  const states = await page.locator('#states button').allTextContents();
  console.log(`states: ${states.join(', ')}`);
  for (const expected of ['CompensationFailed: 1', 'Active: 1']) {
    if (!states.includes(expected)) throw new Error(`tenants by state lack "${expected}": ${states.join(', ')}`);
  }

  const failures = await page.locator('#failures tbody tr').allInnerTexts();
  console.log(`failures: ${failures.map(f => f.replace(/\s+/g, ' ')).join(' | ')}`);

  const waiting = page.locator('#tenants tbody tr:has(td[data-budget-wait])');
  await waiting.first().waitFor();
  const waitingRows = await waiting.allInnerTexts();
  console.log(`budget wait: ${waitingRows.map(r => r.replace(/\s+/g, ' ')).join(' | ')}`);
  const budget = page.locator('#fleet-budget');
  await budget.filter({ hasText: 'Cloudflare API budget' }).waitFor();
  console.log(`fleet budget: ${await budget.textContent()}`);

  await failedButton.click();
  await page.locator('#tenants caption', { hasText: 'in state CompensationFailed' }).waitFor();
  const link = page.locator('#tenants tbody a').first();
  const tenant = await link.textContent();
  await link.click();
  await page.getByRole('heading', { name: `Timeline of ${tenant}` }).waitFor();
  const failedStep = page.locator('#timeline tbody tr[data-kind="StepFailed"]').last();
  await failedStep.waitFor();
  const codes = await page.locator('#timeline tbody tr[data-kind="StepFailed"] td:nth-child(6)').allTextContents();
  console.log(`timeline: ${tenant} step failures with Cloudflare codes ${codes.join(',')}`);

  await page.getByRole('button', { name: 'Retry compensation' }).click();
  const result = page.locator('#retry-result');
  await result.filter({ hasText: /is now|failed again/ }).waitFor();
  console.log(`retry: ${await result.textContent()}`);

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
  if (external.length > 0) throw new Error(`the page loaded external resources: ${external.join(', ')}`);
  console.log('external requests: none');
} catch (error) {
  console.error(`FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
