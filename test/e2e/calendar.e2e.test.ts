/**
 * The working-day calendar in a browser (issue 13): a platform admin is warned in the console that
 * next year's holidays are missing; a deadline landing in that year shows 暂按双休日计算 on the
 * staff message page; the admin pastes the State Council's arrangement on 工作日历, previews it and
 * enters it: the warning goes, the deadline is recomputed (a timeline entry says so) and is no
 * longer provisional; then one day is edited. Screenshots go to /tmp/e2e-shots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

let server: { url: string };
let admin: Page;
let citizen: Page;
let messageId = 0;
let year = 0;

/** The arrangement of a year as an admin would paste it: 元旦 1–3 January, a make-up Saturday in February. */
function noticeFor(y: number): { text: string; saturday: string } {
  const feb = new Date(Date.UTC(y, 1, 1));
  while (feb.getUTCDay() !== 6) feb.setUTCDate(feb.getUTCDate() + 1);
  const saturday = feb.toISOString().slice(0, 10);
  return { text: `日期,结束日期,类型,名称\n${y}-01-01,${y}-01-03,休,元旦\n${y}-05-01,${y}-05-05,休,劳动节\n${saturday},,班,劳动节`, saturday };
}

beforeAll(async () => {
  server = await startE2e('calendar');
  admin = await openPage(1440);
  await logIn(admin, 'admin');
  citizen = await openPage(390);
  await logIn(citizen, '13907910001');
  // A reply deadline 40 working days out lands in next year, whose holidays nobody entered yet.
  await apiAs(admin, 'PUT', '/api/v1/deadline-policies/360000/timely', { signDays: 1, contactDays: 3, replyDays: 40, maxExtensionDays: 15 });
  const boards = await apiAs(citizen, 'GET', '/api/v1/boards?region=360000');
  const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
  const written = await apiAs(citizen, 'POST', '/api/v1/messages', { boardId: board.id, type: 'help', fieldCode: 'health', regionCode: '360102', title: '春节前后社区老人就医难', body: '春节前后社区卫生服务中心放假，老人开药很不方便，希望安排值班。', isPublic: true });
  messageId = written.id;
  await apiAs(admin, 'POST', `/api/v1/messages/${messageId}/screening`, { decision: 'accept' });
  const me = await apiAs(admin, 'GET', '/api/v1/auth/me');
  await apiAs(admin, 'POST', `/api/v1/messages/${messageId}/assignments`, { leadUnitId: me.account.unit.id, handlingClass: 'timely' });
  const detail = await apiAs(admin, 'GET', `/api/v1/messages/${messageId}`);
  year = Number(new Date(new Date(detail.handling.assignments[0].deadlines.reply.due).getTime() + 8 * 3600_000).toISOString().slice(0, 4));
}, 120_000);
afterAll(stopE2e);

describe('the working-day calendar', () => {
  it('warns the admin in the console and marks the deadline in the missing year provisional', async () => {
    const status = await apiAs(admin, 'GET', '/api/v1/calendar/status');
    expect(status.enteredYears).not.toContain(year);
    await admin.goto(`${server.url}/console/messages/${messageId}`);
    const reply = admin.getByTestId('deadline-reply');
    await reply.waitFor();
    await expect.poll(() => reply.getByTestId('deadline-provisional').textContent()).toBe('暂按双休日计算');
    if (status.warning) {
      const banner = admin.getByTestId('calendar-warning');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(`${status.warning.year}年节假日安排尚未录入`);
    }
    await shot(admin, 'provisional');
  });

  it('enters the year from pasted text, after a preview, and the deadline is recomputed', async () => {
    const { text } = noticeFor(year);
    await admin.goto(`${server.url}/console/calendar?year=${year}`);
    await admin.getByTestId('calendar-year-state').filter({ hasText: `${year}年节假日安排尚未录入` }).waitFor();
    await admin.getByRole('button', { name: '录入全年' }).click();
    await admin.getByLabel('粘贴通知中的安排（CSV 或 JSON）').fill(text);
    await expect.poll(() => admin.getByTestId('calendar-preview').textContent()).toBe('预览：放假 8 天，调休上班 1 天');
    await shot(admin, 'preview');
    await admin.getByRole('button', { name: `录入${year}年` }).click();
    await admin.getByTestId('calendar-year-state').filter({ hasText: `${year}年节假日安排已录入` }).waitFor();
    await expect.poll(() => admin.locator('.calendar-page .table-scroll .ant-table-row').count()).toBe(9);
    expect(await admin.getByTestId('calendar-warning').count()).toBe(0);
    await shot(admin, 'entered');

    await admin.goto(`${server.url}/console/messages/${messageId}`);
    await admin.getByTestId('deadline-reply').waitFor();
    expect(await admin.getByTestId('deadline-provisional').count()).toBe(0);
    await admin.getByTestId('timeline-deadlines_recomputed').first().waitFor();
    expect(await admin.getByTestId('timeline-deadlines_recomputed').first().textContent()).toContain('工作日历调整，办理时限已重算');
  });

  it('edits one day and restores it', async () => {
    await admin.goto(`${server.url}/console/calendar?year=${year}`);
    await admin.getByRole('button', { name: '修改单日' }).click();
    await admin.getByLabel('日期', { exact: true }).fill(`${year}-03-09`);
    await admin.getByLabel('节日名称').fill('测试放假');
    await admin.getByRole('button', { name: '保存' }).click();
    const row = admin.locator('.ant-table-row', { hasText: `${year}-03-09` });
    await row.waitFor();
    expect(await row.textContent()).toContain('测试放假');
    expect(await row.textContent()).toContain('管理员录入');
    await shot(admin, 'day-edited');
    await admin.getByRole('button', { name: `将 ${year}-03-09 恢复为普通日` }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('fits a phone', async () => {
    const phone = await openPage(390);
    await logIn(phone, 'admin');
    await phone.goto(`${server.url}/console/calendar?year=${year}`);
    await phone.getByTestId('calendar-year-state').waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(phone, 'phone');
  });
});
