/**
 * Reports in a browser: a citizen writes to 江西省委书记; the analyst (江西) generates the half-year
 * report of the current half on /console/reports, reads it, downloads it as XLSX and PDF, and prints
 * it (print media: only the sheet); a visitor opens the published report on a phone.
 * Screenshots go to /tmp/e2e-shots.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

const CITIZEN = '13907910001';

/** Today in Beijing, and the label the generate form gives the current half. */
function currentHalf(): { label: string; title: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const half = `${today.slice(0, 4)}年${Number(today.slice(5, 7)) <= 6 ? '上' : '下'}半年`;
  return { label: `${half}（进行中）`, title: `${half}江西省网上群众工作数据报告` };
}

describe('reports: the analyst exports the half-year report', () => {
  let server: { url: string };
  let analyst: Page;
  let visitor: Page;
  let reportPath = '';

  beforeAll(async () => {
    server = await startE2e('reports');
    analyst = await openPage(1280);
    visitor = await openPage(390);
  });

  afterAll(stopE2e);

  it('counts a message a citizen writes today', async () => {
    const citizen = await openPage(1280);
    await logIn(citizen, CITIZEN);
    const boards = await apiAs(citizen, 'GET', '/api/v1/boards?region=360000');
    const board = boards.items.find((b: { name: string }) => b.name === '江西省委书记');
    await apiAs(citizen, 'POST', '/api/v1/messages', {
      boardId: board.id,
      type: 'suggest',
      fieldCode: 'health',
      regionCode: '360102',
      title: '建议社区卫生服务中心延长晚间服务时间',
      body: '社区卫生服务中心下午五点就下班了，上班族看病很不方便，建议延长到晚上八点。',
      isPublic: true,
    });
  });

  it('lets the analyst generate the report of the current half from the reports page', async () => {
    const page = analyst;
    await logIn(page, 'analyst');
    await page.goto(`${server.url}/console/reports`);
    await page.getByRole('heading', { level: 1, name: '数据报告' }).waitFor();
    await page.getByRole('menuitem', { name: '数据报告' }).waitFor();
    await shot(page, 'list-empty');
    await page.getByRole('button', { name: '生成报告' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('半年数据报告', { exact: true }).click();
    // The region starts at the analyst's own (江西省).
    await drawer.locator('.ant-cascader').filter({ hasText: '江西省' }).waitFor();
    await drawer.getByLabel('报告期间').click();
    await page.locator('.ant-select-item-option', { hasText: currentHalf().label }).click();
    await shot(page, 'generate-form');
    await drawer.getByRole('button', { name: '生成报告' }).click();
    await page.waitForURL(/\/console\/reports\/\d+$/);
    reportPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: currentHalf().title }).waitFor();
    await expect.poll(() => page.locator('.report-headline').textContent()).toMatch(/江西省网民通过民声平台留言1件/);
    await page.locator('.report-chart svg').first().waitFor();
    await shot(page, 'report');
  });

  it('downloads the report as XLSX and PDF', async () => {
    const page = analyst;
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 XLSX/ }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`${currentHalf().title}.xlsx`);
    const xlsxBytes = readFileSync((await xlsx.path())!);
    expect(xlsxBytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: the .xlsx container
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 PDF/ }).click()]);
    expect(pdf.suggestedFilename()).toBe(`${currentHalf().title}.pdf`);
    const pdfBytes = readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfBytes.length).toBeGreaterThan(10_000);
  });

  it('prints only the sheet', async () => {
    const page = analyst;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.console-sider').isVisible()).toBe(false);
    expect(await page.locator('.report-actions').isVisible()).toBe(false);
    expect(await page.locator('.report-sheet').isVisible()).toBe(true);
    await shot(page, 'print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the published report to a visitor on a phone', async () => {
    const page = visitor;
    await page.goto(`${server.url}${reportPath.replace('/console/reports/', '/data/reports/')}`);
    await page.getByRole('heading', { level: 1, name: currentHalf().title }).waitFor();
    await expect.poll(() => page.locator('.report-headline').textContent()).toMatch(/留言1件/);
    await shot(page, 'public-phone');
  });
});
