/**
 * Issue 15 (个人信息保护法) in a browser, at a phone's width: a citizen downloads
 * their data from 个人中心, then closes (注销) the account with the password and
 * is signed out; their public message stays on the board under 网友.
 * Screenshots go to /tmp/e2e-shots (prefix privacy).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';
import { latestSmsCode } from '../support/server.js';

let server: { url: string };

describe('personal data: download and close the account', () => {
  beforeAll(async () => {
    server = await startE2e('privacy');
  });
  afterAll(stopE2e);

  it('a citizen downloads their data and closes the account; the message stays on the board under 网友', async () => {
    const page = await openPage(390);
    const mobile = `176${String(Date.now()).slice(-8)}`;
    const password = 'Privacy-Pass-2026';
    expect((await page.request.post(`${server.url}/api/v1/auth/sms-codes`, { data: { mobile, purpose: 'register' } })).status()).toBe(202);
    const registered = await page.request.post(`${server.url}/api/v1/auth/register`, { data: { mobile, code: await latestSmsCode(mobile), password, nickname: '隐私测试网友' } });
    expect(registered.status()).toBe(201);
    await page.context().clearCookies();
    await logIn(page, mobile, password);

    // A public message, accepted by the platform admin: on the board under the nickname.
    const boards = await apiAs(page, 'GET', '/api/v1/boards?region=360000');
    const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
    const written = await apiAs(page, 'POST', '/api/v1/messages', { boardId: board.id, type: 'help', fieldCode: 'health', regionCode: '360102', title: '社区卫生站周末开门', body: '社区卫生服务站周末不开门，老人开药不方便，希望安排周末值班。', privateNote: '我家住幸福路8号', isPublic: true });
    const admin = await openPage(1280);
    await logIn(admin, 'admin');
    await apiAs(admin, 'POST', `/api/v1/messages/${written.id}/screening`, { decision: 'accept' });

    // A visitor sees the message under the nickname (the item labelled 网友 on the message page).
    const visitor = await openPage(390);
    const authorOnBoard = () =>
      visitor.locator('.ant-descriptions-item', { has: visitor.locator('.ant-descriptions-item-label', { hasText: /^网友$/ }) }).locator('.ant-descriptions-item-content').textContent();
    await visitor.goto(`${server.url}/messages/${written.id}`);
    await visitor.getByRole('heading', { name: '社区卫生站周末开门' }).waitFor();
    expect(await authorOnBoard()).toBe('隐私测试网友');

    // 个人中心: download the data (a JSON file named with the date).
    await page.goto(`${server.url}/me`);
    await page.getByTestId('data-export').waitFor();
    await shot(page, 'profile-personal-data');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('data-export').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^minsheng-personal-data-\\d+-${new Date().toISOString().slice(0, 10)}\\.json$`));
    const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(file.account).toMatchObject({ mobile, nickname: '隐私测试网友' });
    expect(file.messages).toEqual([expect.objectContaining({ id: written.id, title: '社区卫生站周末开门', privateNote: '我家住幸福路8号' })]);

    // 注销: the warning says what happens; confirmed with the password; signed out at once.
    await page.getByTestId('close-account').click();
    await page.getByRole('dialog').getByText('注销后无法恢复').waitFor();
    await page.getByTestId('close-password').fill(password);
    await shot(page, 'close-confirm');
    await page.getByTestId('close-account-confirm').click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByTestId('account-menu').count()).toBe(0);
    expect((await page.request.get(`${server.url}/api/v1/auth/me`)).status()).toBe(401);
    // The number no longer signs in.
    expect((await page.request.post(`${server.url}/api/v1/auth/login`, { data: { login: mobile, password } })).status()).toBe(401);

    // The board keeps the message, under the anonymous name.
    await visitor.goto(`${server.url}/messages/${written.id}`);
    await visitor.getByRole('heading', { name: '社区卫生站周末开门' }).waitFor();
    expect(await authorOnBoard()).toBe('网友');
    expect(await visitor.locator('main').textContent()).not.toContain('隐私测试网友');
    await shot(visitor, 'message-after-close');
    await Promise.all([page.context().close(), admin.context().close(), visitor.context().close()]);
  });

  it('a platform admin unlocks a locked staff account and moves a citizen who lost the number to a new one, from the account details (phone width)', async () => {
    const admin = await openPage(390);
    await logIn(admin, 'admin');
    const me = await apiAs(admin, 'GET', '/api/v1/auth/me');
    const login = `locked${String(Date.now()).slice(-6)}`;
    await apiAs(admin, 'POST', '/api/v1/accounts', { login, password: 'First-Pass-2026', displayName: '被锁定的同事', unitId: me.account.unit.id, roles: ['unit_handler'] });
    // Requests without a session (a signed-in context would need the CSRF token): another browser context.
    const anon = await openPage(390);
    for (let i = 0; i < 5; i++) await anon.request.post(`${server.url}/api/v1/auth/login`, { data: { login, password: 'wrong-password' } });
    expect((await anon.request.post(`${server.url}/api/v1/auth/login`, { data: { login, password: 'First-Pass-2026' } })).status()).toBe(423);

    await admin.goto(`${server.url}/console/accounts`);
    await admin.locator('#account-search').fill(login);
    await admin.locator('#account-search').press('Enter');
    await admin.getByTestId(`detail-${login}`).click();
    await admin.getByTestId('account-locked').waitFor();
    await shot(admin, 'detail-locked');
    await admin.getByTestId('account-unlock').click();
    await admin.getByRole('button', { name: '解除锁定' }).last().click();
    await expect.poll(() => admin.getByTestId('account-locked').count()).toBe(0);
    expect((await anon.request.post(`${server.url}/api/v1/auth/login`, { data: { login, password: 'First-Pass-2026' } })).status()).toBe(200);
    await anon.context().clearCookies();

    // A citizen lost the old number: found by it, moved to the new one with the code the citizen reads out.
    const oldMobile = `175${String(Date.now()).slice(-8)}`;
    const newMobile = `174${String(Date.now()).slice(-8)}`;
    expect((await anon.request.post(`${server.url}/api/v1/auth/sms-codes`, { data: { mobile: oldMobile, purpose: 'register' } })).status()).toBe(202);
    expect((await anon.request.post(`${server.url}/api/v1/auth/register`, { data: { mobile: oldMobile, code: await latestSmsCode(oldMobile), password: 'Lost-Phone-2026', nickname: '丢了手机的网友' } })).status()).toBe(201);
    await anon.context().clearCookies();
    await admin.goto(`${server.url}/console/accounts`);
    await admin.getByTestId('find-citizen').click();
    await admin.getByLabel('网民原来的手机号').fill(oldMobile);
    await admin.getByRole('button', { name: '查找' }).click();
    await admin.getByLabel('新手机号', { exact: true }).fill(newMobile);
    await admin.getByRole('button', { name: '发送验证码' }).click();
    await admin.getByLabel('新手机号收到的验证码').fill(await latestSmsCode(newMobile));
    await admin.getByLabel('核验情况和原因').fill('本人持身份证到窗口办理，已核对留言内容');
    await shot(admin, 'recover-filled');
    await admin.getByRole('button', { name: '更换手机号' }).click();
    await admin.getByText('手机号已更换，原有登录已全部退出').waitFor();
    expect((await anon.request.post(`${server.url}/api/v1/auth/login`, { data: { login: newMobile, password: 'Lost-Phone-2026' } })).status()).toBe(200);
    await Promise.all([admin.context().close(), anon.context().close()]);
  });
});
