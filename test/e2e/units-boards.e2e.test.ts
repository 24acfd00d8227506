/**
 * Issue 15 in a browser, units and boards: a unit admin tries to retire a unit
 * that still has an active account and is told which, edits the unit, and
 * retires it once the account is gone; a platform admin closes a board, whose
 * page then says it is closed and offers no writing.
 * Screenshots go to /tmp/e2e-shots (prefix units).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

let server: { url: string };

describe('units and boards over time', () => {
  beforeAll(async () => {
    server = await startE2e('units');
  });
  afterAll(stopE2e);

  it('a unit admin is told which work blocks retiring a unit, edits it, then retires it', async () => {
    const page = await openPage(1280);
    await logIn(page, 'unitadmin');
    const me = await apiAs(page, 'GET', '/api/v1/auth/me');
    const stamp = String(Date.now()).slice(-6);
    const name = `撤销测试科${stamp}`;
    const unit = await apiAs(page, 'POST', '/api/v1/units', { name, kind: 'department', regionCode: '360102', parentId: me.account.unit.id });
    const login = `stay${stamp}`;
    const account = await apiAs(page, 'POST', '/api/v1/accounts', { login, password: 'First-Pass-2026', displayName: '仍在岗', unitId: unit.id, roles: ['unit_handler'] });

    await page.goto(`${server.url}/console/units`);
    await page.getByPlaceholder('搜索单位名称').fill(name);
    await page.getByPlaceholder('搜索单位名称').press('Enter');
    await page.getByTestId(`retire-unit-${unit.id}`).click();
    await page.getByRole('button', { name: '撤销', exact: true }).last().click();
    await page.getByTestId('retire-blockers').waitFor();
    expect(await page.getByTestId('retire-blockers').textContent()).toContain(login);
    await shot(page, 'retire-blocked');
    await page.getByRole('button', { name: '知道了' }).click();

    await page.getByTestId(`edit-unit-${unit.id}`).click();
    await page.getByLabel('联系方式（可选）').fill('0791-86001234');
    await shot(page, 'edit-drawer');
    await page.getByTestId('edit-unit-submit').click();
    await expect.poll(async () => (await apiAs(page, 'GET', `/api/v1/units/${unit.id}`)).contact).toBe('0791-86001234');

    await apiAs(page, 'POST', `/api/v1/accounts/${account.id}/disable`);
    await page.getByTestId(`retire-unit-${unit.id}`).click();
    await page.getByRole('button', { name: '撤销', exact: true }).last().click();
    await page.getByTestId(`reactivate-unit-${unit.id}`).waitFor();
    await shot(page, 'retired');
    expect((await apiAs(page, 'GET', `/api/v1/units/${unit.id}`)).status).toBe('retired');
    await page.context().close();
  });

  it('a platform admin closes a board; its page stays public, says so and offers no writing', async () => {
    const admin = await openPage(1280);
    await logIn(admin, 'admin');
    const title = `测试部${String(Date.now()).slice(-6)}`;
    const board = await apiAs(admin, 'POST', '/api/v1/boards', { kind: 'ministry', title });

    await admin.goto(`${server.url}/console/boards`);
    await admin.getByText('部委留言板', { exact: true }).click();
    await admin.getByTestId(`retire-board-${board.id}`).click();
    await admin.getByRole('button', { name: '关闭', exact: true }).last().click();
    await admin.getByTestId(`reopen-board-${board.id}`).waitFor();
    await shot(admin, 'board-closed');
    await admin.context().close();

    const visitor = await openPage(390);
    await visitor.goto(`${server.url}/board/${board.id}`);
    await visitor.getByTestId('board-retired').waitFor();
    expect(await visitor.getByTestId('write-message').count()).toBe(0);
    await shot(visitor, 'board-page');
    const open = await (await visitor.request.get(`${server.url}/api/v1/boards?kind=ministry`)).json();
    expect(open.items.map((b: { id: number }) => b.id)).not.toContain(board.id);
    await visitor.context().close();
  });
});
