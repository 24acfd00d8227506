/**
 * Issue 15 in a browser: a citizen who forgot the password resets it with an SMS
 * code and logs in; a unit admin creates a staff account that must set its own
 * password first, then disables the leaver, whose open session ends at once.
 * Screenshots go to /tmp/e2e-shots (prefix accounts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';
import { latestSmsCode } from '../support/server.js';

let server: { url: string };

describe('accounts that can be managed and recovered', () => {
  beforeAll(async () => {
    server = await startE2e('accounts');
  });
  afterAll(stopE2e);

  it('a citizen resets a forgotten password with an SMS code and logs in with the new one (phone width)', async () => {
    const page = await openPage(390);
    const mobile = `177${String(Date.now()).slice(-8)}`;
    // Registered earlier, through the API.
    expect((await page.request.post(`${server.url}/api/v1/auth/sms-codes`, { data: { mobile, purpose: 'register' } })).status()).toBe(202);
    const registered = await page.request.post(`${server.url}/api/v1/auth/register`, { data: { mobile, code: await latestSmsCode(mobile), password: 'Forgotten-2025', nickname: '健忘的网友' } });
    expect(registered.status()).toBe(201);
    await page.context().clearCookies();

    await page.goto(`${server.url}/login`);
    await page.getByTestId('forgot-password').click();
    await page.getByRole('heading', { name: '找回密码' }).waitFor();
    await page.getByLabel('手机号').fill(mobile);
    await page.getByTestId('send-code').click();
    await expect.poll(() => page.getByTestId('send-code').isDisabled()).toBe(true);
    await page.getByLabel('短信验证码').fill(await latestSmsCode(mobile));
    await page.getByLabel('新密码').fill('Remembered-2026');
    await shot(page, 'forgot-filled');
    await page.getByTestId('reset-submit').click();
    await page.waitForURL(/\/login$/);
    await shot(page, 'forgot-done');

    await logIn(page, mobile, 'Remembered-2026');
    expect(await page.getByTestId('account-menu').textContent()).toContain('健忘的网友');
    // The own account: change the password, change the mobile number (codes to both numbers).
    await page.goto(`${server.url}/me`);
    await page.getByTestId('mobile-send-codes').waitFor();
    await shot(page, 'profile');
    await page.context().close();
  });

  it('logs a citizen in with an SMS code instead of the password', async () => {
    const page = await openPage(390);
    await page.goto(`${server.url}/login`);
    await page.getByRole('tab', { name: '验证码登录' }).click();
    await page.getByLabel('手机号', { exact: true }).fill('13907910001');
    await page.getByTestId('sms-login-send').click();
    await expect.poll(() => page.getByTestId('sms-login-send').isDisabled()).toBe(true);
    await page.getByLabel('短信验证码').fill(await latestSmsCode('13907910001'));
    await shot(page, 'sms-login');
    await page.getByTestId('sms-login-submit').click();
    await page.getByTestId('account-menu').waitFor();
    await page.context().close();
  });

  it('a unit admin disables a leaver, and the leaver’s open session ends (the next request is 401)', async () => {
    const admin = await openPage(1280);
    await logIn(admin, 'unitadmin');
    const me = await apiAs(admin, 'GET', '/api/v1/auth/me');
    const login = `leaver${String(Date.now()).slice(-6)}`;
    await apiAs(admin, 'POST', '/api/v1/accounts', { login, password: 'First-Pass-2026', displayName: '即将离职', unitId: me.account.unit.id, roles: ['unit_handler'] });

    // The leaver's first login: held on the change-password screen until a password of their own is set.
    const leaver = await openPage(1280);
    await leaver.goto(`${server.url}/login`);
    await leaver.getByLabel('手机号或登录名').fill(login);
    await leaver.getByLabel('密码', { exact: true }).fill('First-Pass-2026');
    await leaver.getByTestId('login-submit').click();
    await leaver.getByTestId('password-forced').waitFor();
    await shot(leaver, 'forced-change');
    await leaver.getByLabel('当前密码').fill('First-Pass-2026');
    await leaver.getByLabel('新密码', { exact: true }).fill('Own-Pass-2026');
    await leaver.getByLabel('确认新密码').fill('Own-Pass-2026');
    await leaver.getByTestId('change-password-submit').click();
    await expect.poll(() => new URL(leaver.url()).pathname).not.toBe('/me/password');
    expect((await leaver.request.get(`${server.url}/api/v1/auth/me`)).status()).toBe(200);

    await admin.goto(`${server.url}/console/accounts`);
    await admin.getByPlaceholder('搜索登录名或姓名').fill(login);
    await admin.getByPlaceholder('搜索登录名或姓名').press('Enter');
    await admin.getByTestId(`disable-${login}`).waitFor();
    await expect.poll(() => admin.getByTestId('accounts-total').textContent()).toBe('共 1 个账号');
    await shot(admin, 'accounts-list');
    await admin.getByTestId(`disable-${login}`).click();
    await admin.getByRole('button', { name: '停用', exact: true }).last().click();
    await admin.getByTestId(`enable-${login}`).waitFor();
    await shot(admin, 'leaver-disabled');
    await admin.getByTestId(`edit-${login}`).click();
    await admin.getByTestId('edit-account-submit').waitFor();
    await shot(admin, 'edit-drawer');

    expect((await leaver.request.get(`${server.url}/api/v1/auth/me`)).status()).toBe(401);
    const again = await leaver.request.post(`${server.url}/api/v1/auth/login`, { data: { login, password: 'Own-Pass-2026' } });
    expect(again.status()).toBe(403);
  });
});
