/**
 * The audit log for people in a browser (issue 15): a platform admin creates
 * a staff account, then finds the entry on 审计日志 by filtering (action kind,
 * object), reads it in words (who, in which unit, what, about whom), expands
 * it, and downloads the filtered view as Excel; the page in English; a unit
 * admin sees the page, a handler has no menu entry for it.
 * Screenshots go to /tmp/e2e-shots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

let server: { url: string };
let admin: Page;
const login = `audit-e2e-${Date.now().toString(36)}`;

/** Clicks an option of the open antd Select (its list is virtual: the ARIA options are hidden copies). */
async function pick(page: Page, text: string): Promise<void> {
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${text}"]`).first().click();
}

beforeAll(async () => {
  server = await startE2e('audit');
  admin = await openPage(1440);
  await logIn(admin, 'admin');
  const me = await apiAs(admin, 'GET', '/api/v1/auth/me');
  const created = await apiAs(admin, 'POST', '/api/v1/accounts', { login, password: 'Staff-Pass-123', displayName: '审计演示员', unitId: me.account.unit.id, roles: ['unit_handler'] });
  // A change with a before and an after (the account module records { changes: { status: { from, to } } }).
  await apiAs(admin, 'POST', `/api/v1/accounts/${created.id}/disable`, {});
}, 120_000);
afterAll(stopE2e);

describe('the audit log', () => {
  it('filters by action kind and object, shows names and words, expands the details', async () => {
    await admin.goto(`${server.url}/console/audit`);
    await admin.getByRole('heading', { name: '审计日志' }).waitFor();
    await admin.getByTestId('audit-total').filter({ hasText: /共 \d+ 条/ }).waitFor();
    await admin.getByLabel('操作', { exact: true }).click();
    await pick(admin, '账号（全部）');
    await admin.keyboard.press('Escape');
    await admin.getByLabel('对象类型').click();
    await pick(admin, '账号');
    await admin.locator('#audit-object').fill(login);
    await admin.getByTestId('audit-apply').click();
    await admin.getByTestId('audit-total').filter({ hasText: '共 2 条' }).waitFor();
    // Entry rows (the diff inside an expanded row is a table of its own).
    const entries = admin.locator('tr.ant-table-row:has(.ant-table-row-expand-icon)');
    const disabled = entries.first();
    await expect.poll(() => disabled.textContent()).toContain('停用账号');
    await disabled.locator('.ant-table-row-expand-icon').click();
    const diff = admin.locator('.audit-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(/状态.*正常.*→.*已停用/);
    await disabled.locator('.ant-table-row-expand-icon').click();
    const row = entries.nth(1);
    await expect.poll(() => row.textContent()).toContain('新建工作人员账号');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('平台管理员');
    expect(text).toContain('民声平台运营中心');
    expect(text).toContain(`审计演示员 (${login})`);
    await row.locator('.ant-table-row-expand-icon').click();
    const details = admin.locator('[data-testid^="audit-details-"]:visible');
    await details.waitFor();
    expect(await details.textContent()).toContain(login);
    await disabled.locator('.ant-table-row-expand-icon').click();
    await shot(admin, 'filtered-zh');

    const download = admin.waitForEvent('download');
    await admin.getByTestId('audit-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-log-.*\.xlsx$/);
  });

  it('reads in English', async () => {
    await admin.evaluate(() => window.localStorage.setItem('minsheng.locale', 'en'));
    await admin.goto(`${server.url}/console/audit`);
    await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
    await admin.getByTestId('audit-total').filter({ hasText: /entries/ }).waitFor();
    await expect.poll(() => admin.locator('.ant-table-tbody').textContent()).toContain('Staff account created');
    await admin.locator('.ant-table-row .ant-table-row-expand-icon').first().click();
    await shot(admin, 'english');
    await admin.evaluate(() => window.localStorage.setItem('minsheng.locale', 'zh-CN'));
  });

  it('is open to a unit admin, and not in a handler’s menu', async () => {
    const unitAdmin = await openPage(1280);
    await logIn(unitAdmin, 'unitadmin');
    await unitAdmin.goto(`${server.url}/console/audit`);
    await unitAdmin.getByRole('heading', { name: '审计日志' }).waitFor();
    await unitAdmin.getByTestId('audit-total').filter({ hasText: /共 \d+ 条/ }).waitFor();
    await shot(unitAdmin, 'unit-admin');
    const handler = await openPage(1280);
    await logIn(handler, 'handler');
    await handler.goto(`${server.url}/console`);
    await handler.getByRole('navigation').first().waitFor();
    expect(await handler.getByRole('link', { name: '审计日志' }).count()).toBe(0);
  });
});
