/**
 * Statistics in a browser: a citizen writes two messages about 南昌市东湖区; the analyst (江西) opens
 * /console/stats on the own region (the internal figures; two messages are too few to rank, so 南昌 is
 * listed apart as 样本不足), climbs to the country (the published figures), drills back into 江西省 and
 * goes back with the browser; a visitor reads the national figures on /data on a phone, also in
 * elderly mode, with the month still running marked. Screenshots go to /tmp/e2e-shots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

const CITIZEN = '13907910001';

const MESSAGES = [
  { title: '建议东湖区增设老年人助餐点', body: '东湖区老年人多，很多老人独居，吃饭不方便，建议在各社区增设助餐点，提供价格实惠的午餐。' },
  { title: '东湖区老旧小区加装电梯进展缓慢', body: '我们小区申请加装电梯已经一年多了，一直没有进展，希望有关部门加快审批，方便老人上下楼。' },
];

/** The table beside the map: the row of one region. */
function regionRow(page: Page, code: string) {
  return page.getByTestId('region-table').locator(`tr[data-region="${code}"]`);
}

describe('statistics: the dashboard and the open data page', () => {
  let server: { url: string };
  let analyst: Page;
  let visitor: Page;

  beforeAll(async () => {
    server = await startE2e('stats');
    analyst = await openPage(1280);
    visitor = await openPage(390);
  });

  afterAll(stopE2e);

  it('counts the messages a citizen writes about 东湖区', async () => {
    const citizen = await openPage(1280);
    await logIn(citizen, CITIZEN);
    const boards = await apiAs(citizen, 'GET', '/api/v1/boards?region=360000');
    const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
    for (const message of MESSAGES) {
      await apiAs(citizen, 'POST', '/api/v1/messages', { boardId: board.id, type: 'suggest', fieldCode: 'urban', regionCode: '360102', isPublic: true, ...message });
    }
  });

  it('opens the analyst’s statistics on 江西省, the own region, with the internal figures and 南昌 listed as 样本不足', async () => {
    const page = analyst;
    await logIn(page, 'analyst');
    await page.goto(`${server.url}/console/stats`);
    await page.getByRole('heading', { level: 1, name: '数据统计' }).waitFor();
    expect(await page.title()).toBe('数据统计 - 民声');
    await page.getByRole('menuitem', { name: '数据统计' }).waitFor();
    // Not 全国 (outside the analyst's region): 江西, inside it, with the internal figures.
    await page.locator('.stats-breadcrumb [aria-current="page"]').filter({ hasText: '江西省' }).waitFor();
    await page.getByTestId('stats-view').filter({ hasText: '内部口径' }).waitFor();
    await expect.poll(() => page.locator('[data-figure="received"] .stat-value').textContent()).toBe('2');
    await page.getByRole('heading', { level: 2, name: '各市（州、盟）数据' }).waitFor();
    // Two messages are too few to rank: 南昌 is listed apart, with its count, and no rank.
    const nanchang = regionRow(page, '360100');
    await nanchang.waitFor();
    expect(await nanchang.textContent()).toContain('样本不足');
    expect(await nanchang.locator('td').first().textContent()).toBe('2');
    expect(await page.getByTestId('region-table').getByText('留言少于30件的地区样本不足').count()).toBeGreaterThan(0);
    await page.getByTestId('stats-map').locator('svg path').first().waitFor();
    // Only the internal view lists the units with overdue work.
    await page.getByRole('heading', { level: 2, name: '超期最多的单位' }).waitFor();
    await shot(page, 'jiangxi');
  });

  it('climbs to the country from the breadcrumb: the published figures, 江西 among the regions too small to rank', async () => {
    const page = analyst;
    await page.locator('.stats-breadcrumb').getByRole('link', { name: '全国' }).click();
    await page.waitForURL(/[?&]region=000000/);
    await page.getByTestId('stats-view').filter({ hasText: '公开口径' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '各省份数据' }).waitFor();
    await page.getByTestId('stats-map').locator('svg path').first().waitFor();
    expect(await page.getByTestId('stats-map').getAttribute('aria-label')).toContain('全国');
    const jiangxi = regionRow(page, '360000');
    await jiangxi.waitFor();
    expect(await jiangxi.textContent()).toContain('江西省');
    expect(await jiangxi.textContent()).toContain('样本不足');
    expect(await jiangxi.locator('td').first().textContent()).toBe('2');
    await shot(page, 'national');
  });

  it('drills into 江西省 from the table, colours the map by another figure, and climbs back with the back button', async () => {
    const page = analyst;
    await regionRow(page, '360000').getByRole('link', { name: '江西省' }).click();
    await page.waitForURL((url) => !url.search.includes('region='));
    await page.getByTestId('stats-view').filter({ hasText: '内部口径' }).waitFor();
    await regionRow(page, '360100').waitFor();
    // The map colours by another figure; the choice is in the URL too.
    await page.getByTestId('metric-select').click();
    await page.locator('.ant-select-item-option', { hasText: '回复率' }).first().click();
    await page.waitForURL(/metric=replyRate/);
    await expect.poll(() => page.getByTestId('stats-map').getAttribute('aria-label')).toContain('回复率');
    await page.goBack();
    await page.waitForURL(/[?&]region=000000/);
    await page.getByRole('heading', { level: 2, name: '各省份数据' }).waitFor();
  });

  it('shows a visitor the national figures on /data, from the header, on a phone', async () => {
    const page = visitor;
    await page.goto(server.url);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据公开' }).click();
    await page.getByRole('heading', { level: 1, name: '数据公开' }).waitFor();
    expect(await page.title()).toBe('数据公开 - 民声');
    await expect.poll(() => page.getByTestId('open-data-headline').textContent()).toMatch(/网民通过民声给各地各级领导干部留言2件/);
    expect(await page.locator('[data-figure="received"] .stat-value').textContent()).toBe('2');
    // Each hot word opens the public search for it.
    const term = page.getByTestId('hot-terms').getByRole('link').first();
    expect(await term.getAttribute('href')).toMatch(/^\/search\?q=/);
    await page.getByTestId('stats-trend').locator('svg').waitFor();
    // This year so far ends in a month still running: the trend says its reply rate is not final.
    await page.getByTestId('trend-partial-note').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Nothing sticks out of the page: wide tables scroll inside their own box, which the keyboard reaches.
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > 391 && !el.closest('.stats-table-scroll, .stats-table-box, .ant-table-content')).map((el) => el.className).slice(0, 5),
    );
    expect(overflowing).toEqual([]);
    for (const box of await page.locator('.stats-table-scroll').all()) {
      expect(await box.getAttribute('tabindex')).toBe('0');
      expect(await box.getAttribute('aria-label')).toBeTruthy();
    }
    await shot(page, 'open-data');
  });

  it('keeps /data readable in elderly mode', async () => {
    const page = visitor;
    const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid="open-data-headline"]')!).fontSize));
    const before = await fontSize();
    await page.getByTestId('elderly-toggle').click();
    await expect.poll(fontSize).toBeGreaterThan(before);
    await page.getByTestId('open-data-headline').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'open-data-elderly');
  });
});
