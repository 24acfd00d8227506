/**
 * The foundation as a visitor, a citizen and the platform admin see it: register with an
 * SMS code, log out and in, browse the boards by region, switch language and elderly mode,
 * and open the console. Screenshots of every step go to /tmp/e2e-shots.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestSmsCode, startTestServer } from '../support/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = '/tmp/e2e-shots';
const DEMO_PASSWORD = 'Minsheng@2026';

let server: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let step = 0;

async function shot(name: string): Promise<void> {
  step += 1;
  await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

const bodyFontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));

async function logIn(login: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('手机号或登录名').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}

async function logOut(): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('link', { name: '登录' }).first().waitFor();
}

describe('foundation: the runnable platform in a browser', () => {
  beforeAll(async () => {
    if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build:web` first');
    if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install -y chromium`);
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const mobile = `139${String(Date.now()).slice(-8)}`;
  const password = 'Citizen@2026';
  const nickname = '测试网友';

  it('shows the provinces to a visitor, in Simplified Chinese by default', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: '领导留言板' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('link', { name: '江西省' }).waitFor();
    await shot('home');
  });

  it('registers a citizen with the SMS code and logs them in', async () => {
    await page.goto(`${server.url}/register`);
    await page.getByLabel('手机号').fill(mobile);
    await page.getByTestId('send-code').click();
    // The button counts down once the server has accepted the request and written the SMS.
    await expect.poll(() => page.getByTestId('send-code').isDisabled()).toBe(true);
    const code = await latestSmsCode(mobile);
    await page.getByLabel('短信验证码').fill(code);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByLabel('昵称').fill(nickname);
    await shot('register-filled');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('account-menu').waitFor();
    expect(await page.getByTestId('account-menu').textContent()).toContain(nickname);
    expect(new URL(page.url()).pathname).toBe('/');
    await shot('registered');
  });

  it('logs the citizen out and in again', async () => {
    await logOut();
    await shot('logged-out');
    await logIn(mobile, password);
    expect(await page.getByTestId('account-menu').textContent()).toContain(nickname);
    await shot('logged-in');
  });

  it('refuses the console to a citizen', async () => {
    await page.goto(`${server.url}/console`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    await shot('console-forbidden');
  });

  it('browses from the provinces to the board of 江西省委书记', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: '江西省' }).click();
    await page.getByRole('heading', { level: 1, name: '江西省' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/boards/360000');
    await page.getByRole('link', { name: /江西省委书记/ }).waitFor();
    await page.getByRole('link', { name: '南昌市' }).waitFor();
    await shot('jiangxi');
    await page.getByRole('link', { name: /江西省委书记/ }).click();
    await page.getByRole('heading', { level: 1, name: '江西省委书记' }).waitFor();
    await page.getByRole('link', { name: '写留言' }).waitFor();
    await shot('board');
  });

  it('switches the language to English and to Traditional Chinese', async () => {
    await page.getByTestId('language-en').click();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Ministries' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('link', { name: 'Write a message' }).waitFor();
    await shot('english');

    await page.getByTestId('language-zh-TW').click();
    await page.getByText('長者模式').waitFor();
    await page.getByRole('navigation', { name: '主導覽' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await shot('traditional');

    await page.reload();
    await page.getByText('長者模式').waitFor();

    await page.getByTestId('language-zh-CN').click();
    await page.getByText('适老化').waitFor();
  });

  it('turns on elderly mode: larger type that survives a reload', async () => {
    const before = await bodyFontSize();
    await page.getByTestId('elderly-toggle').click();
    await expect.poll(bodyFontSize).toBeGreaterThanOrEqual(20);
    const after = await bodyFontSize();
    expect(after).toBeGreaterThan(before);
    await shot('elderly');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: '江西省委书记' }).waitFor();
    expect(await bodyFontSize()).toBe(after);
    expect(await page.evaluate(() => document.documentElement.classList.contains('elderly'))).toBe(true);
    expect(await page.getByTestId('elderly-toggle').getAttribute('aria-checked')).toBe('true');

    await page.getByTestId('elderly-toggle').click();
    await expect.poll(bodyFontSize).toBe(before);
  });

  it('lets the platform admin open the units in the console', async () => {
    await logOut();
    await logIn('admin', DEMO_PASSWORD);
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: '进入后台' }).click();
    await page.getByRole('heading', { level: 1, name: '单位管理' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/units');
    await page.getByRole('cell', { name: '民声平台运营中心' }).waitFor();
    await page.getByRole('navigation', { name: '后台导航' }).getByText('审计日志').waitFor();
    await shot('console-units');
  });
});
