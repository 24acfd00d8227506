/**
 * Oversight in a browser: a citizen writes twice to 江西省委书记; the coordinator accepts both and
 * assigns one to 东湖区民政局; on 清零 the coordinator sees them by unit and age, urges the newest age
 * band in one click (one urged, the unassigned one reported as not urged), then opens the last
 * finished quarter's 通报 and downloads it. Screenshots go to /tmp/e2e-shots.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

const CITIZEN = '13907910001';

/** The last finished quarter, as the bulletin page names it (2026年第3季度). */
function lastQuarter(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  let year = Number(today.slice(0, 4));
  let quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  if (quarter === 0) {
    quarter = 4;
    year -= 1;
  }
  return `${year}年第${quarter}季度`;
}

describe('oversight: the coordinator clears and urges, then reads the quarterly bulletin', () => {
  let server: { url: string };
  let coordinator: Page;

  beforeAll(async () => {
    server = await startE2e('oversight');
    coordinator = await openPage(1280);
  });

  afterAll(stopE2e);

  it('has two open messages without a reply, one assigned', async () => {
    const citizen = await openPage(1280);
    await logIn(citizen, CITIZEN);
    const boards = await apiAs(citizen, 'GET', '/api/v1/boards?region=360000');
    const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
    const ids: number[] = [];
    for (const title of ['小区路灯坏了两个月无人维修', '老旧小区加装电梯进展缓慢']) {
      const created = await apiAs(citizen, 'POST', '/api/v1/messages', {
        boardId: board.id, type: 'help', fieldCode: 'health', regionCode: '360102', title,
        body: `${title}，希望有关部门尽快协调解决，谢谢。`, isPublic: true,
      });
      ids.push(created.id);
    }
    await logIn(coordinator, 'coordinator');
    for (const id of ids) await apiAs(coordinator, 'POST', `/api/v1/messages/${id}/screening`, { decision: 'accept' });
    const units = await apiAs(coordinator, 'GET', `/api/v1/units?q=${encodeURIComponent('东湖区民政局')}`);
    const unit = units.items.find((u: { name: string }) => u.name === '东湖区民政局');
    await apiAs(coordinator, 'POST', `/api/v1/messages/${ids[0]}/assignments`, { leadUnitId: unit.id, handlingClass: 'timely' });
  });

  it('shows 清零 by unit and age and urges a whole age band with a result per message', async () => {
    const page = coordinator;
    await page.goto(`${server.url}/console/clearance`);
    await page.getByRole('heading', { level: 1, name: '清零：未回复的在办留言' }).waitFor();
    await page.getByRole('menuitem', { name: '清零' }).waitFor();
    await expect.poll(() => page.getByTestId('clearance-total').textContent()).toContain('2');
    const groups = page.getByTestId('clearance-groups');
    await groups.getByRole('cell', { name: '东湖区民政局' }).waitFor();
    await groups.getByRole('cell', { name: '未交办' }).waitFor();
    await page.getByTestId('clearance-drive').locator('svg').first().waitFor();
    await shot(page, 'clearance');
    await page.getByTestId('urge-band-d0_7').click();
    await page.getByRole('button', { name: '催办', exact: true }).click();
    const results = page.getByTestId('urge-results');
    await results.waitFor();
    await expect.poll(() => results.textContent()).toContain('已催办 1 条，未能催办 1 条');
    await results.getByText('已催办', { exact: true }).waitFor();
    await results.getByText(/未催办：留言当前状态不允许此操作/).waitFor();
    await shot(page, 'urge-results');
    await page.getByRole('dialog').getByRole('button', { name: /OK|确定|确 定/ }).click();
  });

  it('opens the last finished quarter’s 通报 and downloads it', async () => {
    const page = coordinator;
    await page.getByRole('menuitem', { name: '季度通报' }).click();
    await page.getByRole('heading', { level: 1, name: '季度通报' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `江西省${lastQuarter()}留言办理情况通报` }).waitFor();
    await page.getByTestId('bulletin-ranked').waitFor();
    await shot(page, 'bulletin');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`江西省${lastQuarter()}留言办理通报.xlsx`);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
