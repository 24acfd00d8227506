/**
 * Similar messages in a browser (issue 16): an answered public message about a 南昌 street light
 * exists (written, accepted and answered through the API); the coordinator opens 相似留言 for a
 * new message on the same matter in the screening queue and marks it 重复; a citizen writing about
 * the same matter on a phone sees the answered message suggested on the write page, and can still
 * submit. Screenshots go to /tmp/e2e-shots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, fillMessageForm, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

const CITIZEN = '13907910001';
const ORIGINAL = { title: '幸福路路灯不亮存在安全隐患', body: '东湖区幸福路人民公园到二中这一段的路灯坏了一个多月，晚上一片漆黑，行人和骑车的人很不安全，请尽快维修路灯。' };
const DUPLICATE = { title: '幸福路路灯坏了很久没人修', body: '幸福路人民公园附近的路灯一个多月不亮了，晚上走路摸黑，学生放学很危险，请市政部门派人维修路灯。' };
const REPLY = '您好！经核实，幸福路人民公园至二中路段的路灯线路老化，已于本周更换电缆，路灯已恢复照明。';

let server: { url: string };
let originalId = 0;
let originalNumber = '';
let duplicateNumber = '';

describe('similar messages: the coordinator links a duplicate, the citizen sees a suggestion', () => {
  let citizen: Page;
  let coordinator: Page;

  beforeAll(async () => {
    server = await startE2e('similar');
    citizen = await openPage(375);
    coordinator = await openPage(1280);
    await logIn(citizen, CITIZEN);
    await logIn(coordinator, 'coordinator');
    const boards = await apiAs(citizen, 'GET', '/api/v1/boards?region=360000');
    const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
    const base = { boardId: board.id, type: 'complain', fieldCode: 'urban', regionCode: '360102', isPublic: true };
    // The earlier message, answered: accepted, taken by the coordinator's own office, replied to.
    const original = await apiAs(citizen, 'POST', '/api/v1/messages', { ...base, ...ORIGINAL });
    originalId = original.id;
    originalNumber = original.number;
    await apiAs(coordinator, 'POST', `/api/v1/messages/${originalId}/screening`, { decision: 'accept' });
    const me = await apiAs(coordinator, 'GET', '/api/v1/auth/me');
    const assigned = await apiAs(coordinator, 'POST', `/api/v1/messages/${originalId}/assignments`, { leadUnitId: me.account.unit.id, handlingClass: 'timely' });
    await apiAs(coordinator, 'POST', `/api/v1/assignments/${assigned.handling.assignments[0].id}/sign`);
    await apiAs(coordinator, 'POST', `/api/v1/messages/${originalId}/replies`, { body: REPLY, final: true });
    // The new one, waiting for screening.
    duplicateNumber = (await apiAs(citizen, 'POST', '/api/v1/messages', { ...base, ...DUPLICATE })).number;
  });

  afterAll(stopE2e);

  it('shows the coordinator the earlier message in 相似留言 and marks the new one as its duplicate', async () => {
    const page = coordinator;
    await page.goto(`${server.url}/console/screening`);
    await page.getByRole('heading', { level: 1, name: '留言审核' }).waitFor();
    const item = page.getByTestId('screening-item').filter({ hasText: duplicateNumber });
    await item.getByTestId('screening-similar').click();
    const drawer = page.getByTestId('similar-drawer');
    const similar = drawer.getByTestId('similar-item').filter({ hasText: originalNumber });
    await similar.waitFor();
    expect(await similar.textContent()).toContain(ORIGINAL.title);
    expect(await similar.getByTestId('similar-score').textContent()).toMatch(/相似度 \d+%/);
    await shot(page, 'similar-drawer');

    await similar.getByTestId('similar-mark-duplicate').click();
    await page.getByRole('button', { name: '标为重复' }).last().click();
    await page.getByText(`已将留言 ${duplicateNumber} 标为重复留言`).waitFor();
    await item.waitFor({ state: 'detached' });

    const tab = page.getByTestId('clusters-tab');
    await tab.click();
    await page.getByText(/暂无聚集的线索|条/).first().waitFor();
    await shot(page, 'clusters');
  });

  it('tells the author, pointing to the earlier message', async () => {
    const notices = await apiAs(citizen, 'GET', '/api/v1/notifications');
    const notice = notices.items.find((n: { kind: string }) => n.kind === 'duplicate');
    expect(notice).toBeDefined();
    expect(notice.link).toBe(`/messages/${originalId}`);
    expect(JSON.stringify(notice.body)).toContain(originalNumber);
  });

  it('suggests the answered message on the write page of a phone, opening in a new tab, and still lets the citizen submit', async () => {
    const page = citizen;
    await page.goto(`${server.url}/boards/360000`);
    await page.getByRole('link', { name: /江西省委书记/ }).first().click();
    await page.getByTestId('write-message').click();
    await page.getByRole('heading', { level: 1, name: '给江西省委书记写留言' }).waitFor();
    await fillMessageForm(page, { type: '投诉', field: '城建', title: '幸福路路灯不亮', body: '幸福路人民公园旁边的路灯晚上不亮，出行不安全，希望尽快修好。' });
    const suggestion = page.getByTestId('similar-suggestion').filter({ hasText: ORIGINAL.title });
    await suggestion.waitFor();
    const link = suggestion.getByRole('link');
    expect(await link.getAttribute('href')).toBe(`/messages/${originalId}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'write-suggestion');

    await page.getByTestId('write-submit').click();
    expect(await page.getByTestId('created-number').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}-\d{6}$/);
  });
});
