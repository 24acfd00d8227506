/**
 * A message's whole public life in a browser: a citizen writes to 江西省委书记 with a photo
 * (on a phone-sized screen), the coordinator accepts it in the console's screening queue, takes
 * it for its own unit (交办 + 签收 through the API: the handling e2e covers those pages) and
 * posts the final reply from the message page, a visitor finds it on the board and through a
 * Traditional-script search, and the citizen rates the reply. Screenshots go to /tmp/e2e-shots.
 */
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, fillMessageForm, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

const CITIZEN = '13907910001';

const TITLE = '医保异地报销手续繁琐希望简化';
const BODY = '我在东湖区办理医保异地报销，要跑三个窗口，材料重复交。联系电话13907910001。希望能在网上一次办好。';
const PRIVATE_NOTE = '郑某某，身份证号360102199001011234，东湖区叠山路1号';
const FINAL_REPLY = '您好！经核实，自12月起异地就医备案和报销均可在“赣服通”一次办理，无需往返窗口。';

let server: { url: string };
let messagePath = '';
let messageNumber = '';

describe('messages: write, screen, reply, find and rate in a browser', () => {
  let citizen: Page;
  let coordinator: Page;
  let visitor: Page;

  beforeAll(async () => {
    server = await startE2e('messages');
    citizen = await openPage(375);
    coordinator = await openPage(1280);
    visitor = await openPage(375);
  });

  afterAll(stopE2e);

  it('lets a citizen write to 江西省委书记 with a photo and shows the message number', async () => {
    const page = citizen;
    await logIn(page, CITIZEN);
    await page.goto(`${server.url}/boards/360000`);
    await page.getByRole('link', { name: /江西省委书记/ }).first().click();
    await page.getByRole('heading', { level: 1, name: '江西省委书记' }).waitFor();
    await page.getByTestId('write-message').click();
    await page.getByRole('heading', { level: 1, name: '给江西省委书记写留言' }).waitFor();

    await fillMessageForm(page, { type: '求助', field: '医疗', title: TITLE, body: BODY });

    const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 40, g: 110, b: 190 } } }).jpeg().toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: 'street.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('.ant-upload-list-item-done').waitFor();
    await page.getByLabel(/仅办理人员可见的信息/).fill(PRIVATE_NOTE);
    await shot(page, 'write-filled');

    await page.getByTestId('write-submit').click();
    messageNumber = (await page.getByTestId('created-number').textContent()) ?? '';
    expect(messageNumber).toMatch(/^\d{4}-\d{2}-\d{2}-\d{6}$/);
    await shot(page, 'written');

    await page.getByTestId('view-created').click();
    await page.getByTestId('message-detail').waitFor();
    messagePath = new URL(page.url()).pathname;
    expect(messagePath).toMatch(/^\/messages\/\d+$/);
    expect(await page.getByTestId('message-number').textContent()).toBe(messageNumber);
    await page.getByText('待审核').first().waitFor();
    await page.getByRole('img', { name: '留言图片 1/1' }).waitFor();
    // The author may still withdraw it while it waits for screening.
    await page.getByTestId('withdraw').waitFor();

    await page.goto(`${server.url}/me/messages`);
    await page.getByTestId('my-messages').getByRole('link', { name: TITLE }).waitFor();
  });

  it('lets the coordinator accept it in the console screening queue', async () => {
    const page = coordinator;
    await logIn(page, 'coordinator');
    await page.getByTestId('account-menu').click();
    await page.getByRole('menuitem', { name: '进入后台' }).click();
    await page.getByRole('navigation', { name: '后台导航' }).getByText('留言审核').click();
    await page.getByRole('heading', { level: 1, name: '留言审核' }).waitFor();

    const item = page.getByTestId('screening-item').filter({ hasText: messageNumber });
    await item.waitFor();
    // The mobile number in the text is flagged; the private note is shown to staff.
    await item.getByTestId('flag-tag').filter({ hasText: '手机号' }).waitFor();
    await item.getByText(PRIVATE_NOTE).waitFor();
    await shot(page, 'screening');

    await item.getByTestId('screening-accept').click();
    await page.getByText(`已受理留言 ${messageNumber}`).waitFor();
    await item.waitFor({ state: 'detached' });
  });

  it('lets the unit holding the signed assignment post a final reply from the message page', async () => {
    const page = coordinator;
    // 协调办: the coordinator's own office takes the message and signs for it.
    const id = messagePath.split('/').pop();
    const me = await apiAs(page, 'GET', '/api/v1/auth/me');
    const assigned = await apiAs(page, 'POST', `/api/v1/messages/${id}/assignments`, { leadUnitId: me.account.unit.id, handlingClass: 'coordinated' });
    await apiAs(page, 'POST', `/api/v1/assignments/${assigned.handling.assignments[0].id}/sign`);
    await page.goto(`${server.url}${messagePath}`);
    await page.getByTestId('staff-panel').getByText(PRIVATE_NOTE).waitFor();
    await page.getByTestId('reply-body').fill(FINAL_REPLY);
    await page.getByTestId('reply-final').check();
    await page.getByTestId('reply-submit').click();
    await page.getByTestId('timeline-reply').filter({ hasText: FINAL_REPLY }).waitFor();
    await page.getByTestId('timeline-reply').getByText('最终答复').waitFor();
    await page.getByText('已回复').first().waitFor();
    await shot(page, 'replied');
  });

  it('shows the answered message to a visitor on the board, masked, and finds it by a Traditional-script search', async () => {
    const page = visitor;
    await page.goto(`${server.url}/boards/360000`);
    await page.getByRole('link', { name: /江西省委书记/ }).first().click();
    const list = page.getByTestId('message-list');
    await list.getByRole('link', { name: TITLE }).waitFor();
    // The 已办理 tab counts it and lists it.
    // The counts arrive after the tabs render: wait for the number rather than read the label at once.
    const done = page.getByTestId('status-tabs').getByText(/已办理/).filter({ hasText: /1/ });
    await done.waitFor();
    await done.click();
    await list.getByRole('link', { name: TITLE }).waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('done');
    await shot(page, 'board');

    await list.getByRole('link', { name: TITLE }).click();
    await page.getByTestId('message-detail').waitFor();
    const text = (await page.getByTestId('message-detail').textContent()) ?? '';
    expect(text).toContain(FINAL_REPLY);
    expect(text).toContain('江西省委民声通道工作室');
    expect(text).not.toContain('13907910001');
    expect(text).not.toContain(PRIVATE_NOTE);
    expect(await page.getByTestId('staff-panel').count()).toBe(0);
    expect(await page.getByTestId('withdraw').count()).toBe(0);

    // 醫保 (Traditional) finds the message written with 医保, marked where the word is.
    await page.goto(`${server.url}/search`);
    const box = page.getByRole('main').getByRole('searchbox', { name: '搜索留言' });
    await box.fill('醫保');
    await box.press('Enter');
    const result = page.getByTestId('message-item').filter({ hasText: TITLE });
    await result.waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('醫保');
    expect(await result.locator('mark').first().textContent()).toBe('医保');
    await shot(page, 'search-traditional');
  });

  it('lets the citizen rate the reply, showing the overall grade as the stars are chosen', async () => {
    const page = citizen;
    await page.goto(`${server.url}${messagePath}`);
    const card = page.getByTestId('rating-card');
    await card.waitFor();
    await page.getByTestId('rate-resolution').locator('li').nth(3).click(); // 4
    await page.getByTestId('rate-attitude').locator('li').nth(4).click(); // 5
    await page.getByTestId('rate-speed').locator('li').nth(2).click(); // 3
    // (4 + 5 + 3) / 3 = 4 → 满意
    expect(await card.getByTestId('rating-grade').textContent()).toBe('满意');
    await card.getByLabel('评价内容（可选）').fill('回复及时，问题解决了。');
    await shot(page, 'rating');
    await page.getByTestId('rating-submit').click();
    await page.getByText('评价已提交').waitFor();

    await card.getByText('回复及时，问题解决了。').waitFor();
    expect(await card.getByTestId('rating-grade').textContent()).toBe('满意');
    // The first rating may be changed once within 7 days.
    await card.getByTestId('rating-change').waitFor();
    await page.getByTestId('timeline-rated').waitFor();
    await shot(page, 'rated');
  });
});
