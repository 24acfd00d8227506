/**
 * Issue 16 in a browser, the workbench: staff who log in land on their console home, whose
 * counts are the lists' counts and whose tiles open those lists; on a phone too.
 * Screenshots go to /tmp/e2e-shots (prefix workbench).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

let server: { url: string };

describe('the workbench', () => {
  beforeAll(async () => {
    server = await startE2e('workbench');
  });
  afterAll(stopE2e);

  it('a coordinator logs in to the workbench and opens the screening queue from its count', async () => {
    const page = await openPage(1280);
    await logIn(page, 'coordinator');
    await page.waitForURL((url) => url.pathname === '/console');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    const wb = await apiAs(page, 'GET', '/api/v1/workbench');
    const tile = page.getByTestId('workbench-to-screen');
    expect((await tile.locator('.workbench-count').textContent())?.trim()).toBe(String(wb.screening.toScreen));
    await shot(page, 'coordinator');
    await tile.click();
    await page.waitForURL((url) => url.pathname === '/console/screening');
  });

  it('a handler on a phone sees the overdue work first and opens the overdue tab', async () => {
    const page = await openPage(390);
    await logIn(page, 'handler');
    await page.waitForURL((url) => url.pathname === '/console');
    await page.getByTestId('workbench').waitFor();
    const tiles = await page.locator('.workbench-tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(tiles[0]).toBe('workbench-inbox-overdue');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'handler-phone');
    await page.getByTestId('workbench-inbox-overdue').click();
    await page.waitForURL((url) => url.pathname === '/console/inbox' && url.search === '?tab=overdue');
  });

  it('a handler finds messages in the inbox by title words and works them with the keyboard (j, Enter)', async () => {
    const citizen = await openPage(390);
    await logIn(citizen, '13907910001');
    const boards = await apiAs(citizen, 'GET', '/api/v1/boards?region=360000');
    const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
    const stamp = `楼道灯坏了${String(Date.now()).slice(-5)}`;
    const admin = await openPage(1280);
    await logIn(admin, 'admin');
    const page = await openPage(1280);
    await logIn(page, 'handler');
    const me = await apiAs(page, 'GET', '/api/v1/auth/me');
    const ids: number[] = [];
    for (const n of [1, 2]) {
      const written = await apiAs(citizen, 'POST', '/api/v1/messages', { boardId: board.id, type: 'help', fieldCode: 'health', regionCode: '360102', title: `${stamp}第${n}栋`, body: '楼道里的灯坏了一个多月，老人晚上上下楼很危险，希望物业尽快维修。', isPublic: true });
      await apiAs(admin, 'POST', `/api/v1/messages/${written.id}/screening`, { decision: 'accept' });
      await apiAs(admin, 'POST', `/api/v1/messages/${written.id}/assignments`, { leadUnitId: me.account.unit.id, handlingClass: 'special' });
      ids.push(written.id);
    }

    await page.goto(`${server.url}/console/inbox`);
    const search = page.getByTestId('inbox-search').getByRole('searchbox');
    await search.fill(stamp);
    await search.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === stamp);
    await page.getByTestId('inbox-total').filter({ hasText: '共 2 条' }).waitFor();
    await shot(page, 'inbox-table');
    // The same deadline: the earlier assignment first. The first row takes the focus, j moves to the second, Enter opens it.
    const rows = page.getByTestId('inbox-item');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining(`${stamp}第1栋`), expect.stringContaining(`${stamp}第2栋`)]);
    await rows.first().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/console/messages/${ids[1]}`);
  });

  it('shows every tab of 督办 and of 单位待办 with its count on a phone, none hidden behind “…”', async () => {
    const page = await openPage(390);
    await logIn(page, 'coordinator');
    for (const [path, count] of [['/console/supervision', 7], ['/console/inbox', 6]] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('tab').first().waitFor();
      const tabs = page.getByRole('tab');
      expect(await tabs.count()).toBe(count);
      for (const tab of await tabs.all()) {
        const box = (await tab.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        expect(await tab.isVisible()).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    }
    await shot(page, 'supervision-tabs-phone');
    await page.getByRole('tab', { name: /已超期/ }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'overdue');
  });
});
