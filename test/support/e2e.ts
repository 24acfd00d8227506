/**
 * For end-to-end tests: the built web app served by the real server (server.ts) on a fresh
 * database, driven through Debian's chromium. One server and one browser per test file: call
 * startE2e() in beforeAll and stopE2e() in afterAll; the helpers below act on that pair.
 * Screenshots of the steps go to /tmp/e2e-shots, named after the file's prefix and the step.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './app.js';
import { startTestServer } from './server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = '/tmp/e2e-shots';

let server: { url: string; close(): Promise<void> } | null = null;
let browser: Browser | null = null;
let shotPrefix = '';
let step = 0;

/**
 * Starts the server and the browser. Throws when the web app is not built or chromium is missing,
 * naming the command that fixes it.
 */
export async function startE2e(prefix: string): Promise<{ url: string }> {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build:web` first');
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SHOTS, { recursive: true });
  shotPrefix = prefix;
  step = 0;
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { url: server.url };
}

export async function stopE2e(): Promise<void> {
  await browser?.close();
  await server?.close();
  browser = null;
  server = null;
}

function started(): { server: { url: string }; browser: Browser } {
  if (!server || !browser) throw new Error('startE2e() first');
  return { server, browser };
}

/** A fresh browser context (its own cookies) at a phone's or a desk's width. */
export async function openPage(width: number): Promise<Page> {
  const context = await started().browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  return context.newPage();
}

/** A full-page screenshot, numbered in the order the steps ran. */
export async function shot(page: Page, name: string): Promise<void> {
  step += 1;
  await page.screenshot({ path: path.join(SHOTS, `${shotPrefix}-${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Logs in through the login page (the seeded demo accounts share one password). */
export async function logIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${started().server.url}/login`);
  await page.getByLabel('手机号或登录名').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  // The page leaves /login once the session started (staff go on to the workbench): waiting for the
  // account menu alone would also match the login page's own header for a moment.
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.getByTestId('account-menu').waitFor();
}

/** A call to the API as the page's logged-in account (its cookies, its CSRF token). */
export async function apiAs(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown): Promise<any> {
  const origin = started().server.url;
  const csrf = (await (await page.request.get(`${origin}/api/v1/auth/me`)).json()).csrfToken as string;
  const res = await page.request.fetch(`${origin}${url}`, { method, headers: { 'x-csrf-token': csrf }, ...(data === undefined ? {} : { data }) });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

/** Fills the write-message form of a board: type, field, 南昌市 东湖区 as the region, title and body. */
export async function fillMessageForm(page: Page, message: { type: string; field: string; title: string; body: string }): Promise<void> {
  await page.locator('.type-choice').getByText(message.type, { exact: true }).click();
  await page.getByLabel('领域').click();
  await page.locator('.ant-select-item-option', { hasText: message.field }).click();
  // The region starts at the board's (江西省); the citizen narrows it down to the district.
  // (The preset path loads after the form renders: wait for it rather than read it at once.)
  await page.locator('.ant-cascader').filter({ hasText: '江西省' }).waitFor();
  await page.getByLabel('问题所在地区').click();
  await page.locator('.ant-cascader-menu-item', { hasText: '南昌市' }).click();
  await page.locator('.ant-cascader-menu-item', { hasText: '东湖区' }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('标题').fill(message.title);
  await page.getByLabel('留言内容').fill(message.body);
}
