/**
 * 机构改革 in a browser: a platform admin merges 旅游局 into 文化广电局 from the
 * units console, sees what will move before confirming, then the result. The
 * message 旅游局 answered before still shows 旅游局 in its public chain; the
 * message it still had open now says, in public words, that it was merged.
 * Screenshots go to /tmp/e2e-shots (prefix units-merge).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

let server: { url: string };

/** A public message to 江西省委书记 by the demo citizen, accepted and given to `unitId` (signed), answered when asked. */
async function handledBy(admin: Page, citizen: Page, unitId: number, title: string, answer: string | null): Promise<number> {
  const boards = await apiAs(citizen, 'GET', '/api/v1/boards?region=360000');
  const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
  const written = await apiAs(citizen, 'POST', '/api/v1/messages', { boardId: board.id, type: 'help', fieldCode: 'urban', regionCode: '360102', title, body: `${title}，希望有关部门尽快协调解决，谢谢。`, isPublic: true });
  await apiAs(admin, 'POST', `/api/v1/messages/${written.id}/screening`, { decision: 'accept' });
  const detail = await apiAs(admin, 'POST', `/api/v1/messages/${written.id}/assignments`, { leadUnitId: unitId, handlingClass: 'timely' });
  const assignment = (detail.handling?.assignments ?? (await apiAs(admin, 'GET', `/api/v1/messages/${written.id}`)).handling.assignments).find((a: { unit: { id: number } }) => a.unit.id === unitId);
  await apiAs(admin, 'POST', `/api/v1/assignments/${assignment.id}/sign`);
  if (answer) await apiAs(admin, 'POST', `/api/v1/messages/${written.id}/replies`, { body: answer, final: true });
  return written.id;
}

describe('merging units (机构改革)', () => {
  beforeAll(async () => {
    server = await startE2e('units-merge');
  });
  afterAll(stopE2e);

  it('an admin merges a unit in the console; an old message keeps the old unit in its chain', async () => {
    const admin = await openPage(1280);
    await logIn(admin, 'admin');
    const citizen = await openPage(390);
    await logIn(citizen, '13907910001');

    const stamp = String(Date.now()).slice(-6);
    const parent = (await apiAs(admin, 'GET', `/api/v1/units?q=${encodeURIComponent('东湖区人民政府')}`)).items.find((u: { name: string }) => u.name === '东湖区人民政府');
    const from = await apiAs(admin, 'POST', '/api/v1/units', { name: `东湖区旅游局${stamp}`, kind: 'department', regionCode: '360102', parentId: parent.id });
    const into = await apiAs(admin, 'POST', '/api/v1/units', { name: `东湖区文化广电局${stamp}`, kind: 'department', regionCode: '360102', parentId: parent.id });
    const old = await handledBy(admin, citizen, from.id, `景区停车难${stamp}`, '已在景区周边增设临时停车位。');
    const open = await handledBy(admin, citizen, from.id, `景区厕所不足${stamp}`, null);

    await admin.goto(`${server.url}/console/units`);
    await admin.getByPlaceholder('搜索单位名称').fill(from.name);
    await admin.getByPlaceholder('搜索单位名称').press('Enter');
    await admin.getByTestId(`merge-unit-${from.id}`).click();
    const field = admin.getByLabel('并入（存续单位）');
    await field.fill(into.name);
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: into.name }).first().click();
    await admin.getByTestId('merge-unit-preview').click();
    const counts = admin.getByTestId('merge-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toContain('1 项（涉及 1 条留言）');
    await shot(admin, 'preview');
    // The preview changed nothing.
    expect((await apiAs(admin, 'GET', `/api/v1/units/${from.id}`)).status).toBe('active');

    await admin.getByTestId('merge-unit-confirm').click();
    await admin.getByText(`“${from.name}”已并入“${into.name}”`).waitFor();
    await shot(admin, 'merged');
    const merged = await apiAs(admin, 'GET', `/api/v1/units/${from.id}`);
    expect(merged).toMatchObject({ status: 'retired', mergedInto: { id: into.id, name: into.name } });
    await admin.getByTestId('merge-unit-close').click();

    // Anyone reading the answered message still sees the unit that answered, by its name then.
    const visitor = await openPage(390);
    await visitor.goto(`${server.url}/messages/${old}`);
    await visitor.getByText('已在景区周边增设临时停车位。').waitFor();
    const oldPage = (await visitor.locator('main').textContent()) ?? '';
    expect(oldPage).toContain(from.name);
    expect(oldPage).not.toContain(into.name);
    expect(await visitor.getByTestId('handling-chain').textContent()).toContain(from.name);
    await shot(visitor, 'old-message');

    // The open message tells the public its unit was merged and who carries on.
    await visitor.goto(`${server.url}/messages/${open}`);
    await visitor.getByText(`原承办单位${from.name}因机构调整并入${into.name}`, { exact: false }).waitFor();
    // 办理单位 names who carries on, and where the work came from.
    const chain = (await visitor.getByTestId('handling-chain').textContent()) ?? '';
    expect(chain).toContain(into.name);
    expect(chain).toContain(`原承办单位${from.name}因机构调整并入`);
    await shot(visitor, 'open-message');

    await visitor.context().close();
    await citizen.context().close();
    await admin.context().close();
  });
});
