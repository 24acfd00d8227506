/**
 * The foundation as a visitor, a citizen and the platform admin see it: register with an
 * SMS code, log out and in, browse the boards by region, switch language and elderly mode,
 * and open the console. Screenshots of every step go to /tmp/e2e-shots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';
import { latestSmsCode } from '../support/server.js';

let server: { url: string };
let page: Page;

const bodyFontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));

async function logOut(): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('link', { name: '登录' }).first().waitFor();
}

describe('foundation: the runnable platform in a browser', () => {
  beforeAll(async () => {
    server = await startE2e('foundation');
    page = await openPage(1280);
  });

  afterAll(stopE2e);

  const mobile = `139${String(Date.now()).slice(-8)}`;
  const password = 'Citizen@2026';
  const nickname = '测试网友';

  it('shows the provinces to a visitor, in Simplified Chinese by default', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: '领导留言板' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('link', { name: '江西省' }).waitFor();
    await shot(page, 'home');
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
    await shot(page, 'register-filled');
    await page.getByTestId('register-submit').click();
    await page.getByTestId('account-menu').waitFor();
    expect(await page.getByTestId('account-menu').textContent()).toContain(nickname);
    expect(new URL(page.url()).pathname).toBe('/');
    await shot(page, 'registered');
  });

  it('logs the citizen out and in again', async () => {
    await logOut();
    await shot(page, 'logged-out');
    await logIn(page, mobile, password);
    expect(await page.getByTestId('account-menu').textContent()).toContain(nickname);
    await shot(page, 'logged-in');
  });

  it('refuses the console to a citizen', async () => {
    await page.goto(`${server.url}/console`);
    await page.getByRole('heading', { name: '无权访问' }).waitFor();
    await shot(page, 'console-forbidden');
  });

  it('browses from the provinces to the board of 江西省委书记', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: '江西省' }).click();
    await page.getByRole('heading', { level: 1, name: '江西省' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/boards/360000');
    await page.getByRole('link', { name: /江西省委书记/ }).waitFor();
    await page.getByRole('link', { name: '南昌市' }).waitFor();
    await shot(page, 'jiangxi');
    await page.getByRole('link', { name: /江西省委书记/ }).click();
    await page.getByRole('heading', { level: 1, name: '江西省委书记' }).waitFor();
    await page.getByRole('link', { name: '写留言' }).waitFor();
    await shot(page, 'board');
  });

  it('switches the language to English and to Traditional Chinese', async () => {
    await page.getByTestId('language-en').click();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Ministries' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('link', { name: 'Write a message' }).waitFor();
    await shot(page, 'english');

    await page.getByTestId('language-zh-TW').click();
    await page.getByText('長者模式').waitFor();
    await page.getByRole('navigation', { name: '主導覽' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');
    await shot(page, 'traditional');

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
    await shot(page, 'elderly');

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
    await logIn(page, 'admin');
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: '进入后台' }).click();
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    await page.getByRole('navigation', { name: '后台导航' }).getByText('单位管理').click();
    await page.getByRole('heading', { level: 1, name: '单位管理' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/units');
    await page.getByRole('cell', { name: '民声平台运营中心' }).waitFor();
    await page.getByRole('navigation', { name: '后台导航' }).getByText('审计日志').waitFor();
    await shot(page, 'console-units');
  });
});
