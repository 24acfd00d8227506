/**
 * The Nanchang story in a browser, from the letter to the thank-you: a citizen asks 江西省委书记
 * for a canteen for the elderly (幸福食堂); the coordinator accepts it and assigns it to 南昌市委办公室
 * (及时办); the unit admin of 中共东湖区委 makes 东湖区民政局's replies need a unit admin's approval;
 * 南昌市委办公室 signs and passes it down to 东湖区民政局 with 大院街道办事处 co-handling; 东湖区民政局
 * signs, calls the citizen and writes the final reply; the unit admin approves it; the citizen rates it
 * 满意 and thanks them; a visitor sees the chain and the reply under 东湖区民政局 on a phone.
 * Screenshots go to /tmp/e2e-shots.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillMessageForm, logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

const CITIZEN = '13907910001';

const TITLE = '建议在大院街道开办老年人幸福食堂';
const BODY = '大院街道老年人多，很多老人独居，子女白天上班，老人吃饭很不方便。建议在街道开办幸福食堂，为老年人提供价格实惠的午餐和晚餐，行动不便的老人可以送餐上门。';
const INSTRUCTIONS = '请南昌市委办公室牵头，结合养老服务设施建设统筹办理。';
const PASS_DOWN_INSTRUCTIONS = '请东湖区民政局主办，大院街道办事处协办，尽快选址。';
const CONTACT_SUMMARY = '电话联系网民，了解到其所在小区约有80位独居老人，希望中午能就近用餐。';
const FINAL_REPLY = '您好！经东湖区民政局会同大院街道办事处实地调研，大院街道幸福食堂已选址于豫章路社区服务中心一楼，将于下月开业，提供午餐和晚餐，80岁以上老人享受就餐补贴，行动不便的老人可预约送餐。感谢您的建议！';
const THANKS = '食堂已经开业了，饭菜可口价格实惠，感谢各级部门的认真办理！';

let server: { url: string };
let messagePath = '';
let messageNumber = '';
let staffPath = '';

/** Types into a unit picker and chooses the unit from what the server found. */
async function chooseUnit(page: Page, field: Locator, name: string): Promise<void> {
  await field.fill(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
}

/** The assignment card of one unit on the staff message page. */
function assignmentOf(page: Page, unit: string): Locator {
  return page.locator(`[data-testid="assignment"][data-unit="${unit}"]`);
}

/** The open handling dialog; closes when its action succeeded. */
async function submitDialog(page: Page, success: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('dialog-ok').click();
  await page.getByText(success).first().waitFor();
  await dialog.waitFor({ state: 'detached' });
}

describe('handling: the Nanchang story from the letter to the thank-you', () => {
  let citizen: Page;
  let coordinator: Page;
  let unitAdmin: Page;
  let ncOffice: Page;
  let handler: Page;
  let visitor: Page;

  beforeAll(async () => {
    server = await startE2e('handling');
    citizen = await openPage(390);
    coordinator = await openPage(1280);
    unitAdmin = await openPage(1280);
    ncOffice = await openPage(1280);
    handler = await openPage(1280);
    visitor = await openPage(390);
  });

  afterAll(stopE2e);

  it('lets a citizen ask 江西省委书记 for a canteen for the elderly', async () => {
    const page = citizen;
    await logIn(page, CITIZEN);
    await page.goto(`${server.url}/boards/360000`);
    await page.getByRole('link', { name: /江西省委书记/ }).first().click();
    await page.getByTestId('write-message').click();
    await page.getByRole('heading', { level: 1, name: '给江西省委书记写留言' }).waitFor();

    await fillMessageForm(page, { type: '建言', field: '城建', title: TITLE, body: BODY });
    await page.getByTestId('write-submit').click();
    messageNumber = (await page.getByTestId('created-number').textContent()) ?? '';
    expect(messageNumber).toMatch(/^\d{4}-\d{2}-\d{2}-\d{6}$/);
    await page.getByTestId('view-created').click();
    await page.getByTestId('message-detail').waitFor();
    messagePath = new URL(page.url()).pathname;
  });

  it('lets the coordinator accept it and assign it to 南昌市委办公室 as 及时办', async () => {
    const page = coordinator;
    await logIn(page, 'coordinator');
    await page.goto(`${server.url}/console/screening`);
    const item = page.getByTestId('screening-item').filter({ hasText: messageNumber });
    await item.getByTestId('screening-accept').click();
    // The accepted message stays on offer until it is assigned from its own page.
    const accepted = page.getByTestId('screening-accepted').filter({ hasText: messageNumber });
    await accepted.getByTestId('screening-to-assign').click();
    await page.getByTestId('staff-message').waitFor();
    staffPath = new URL(page.url()).pathname;
    expect(staffPath).toBe(`/console${messagePath}`);

    await page.getByTestId('action-assign').click();
    const dialog = page.getByRole('dialog', { name: '交办' });
    await chooseUnit(page, dialog.getByLabel('主办单位'), '南昌市委办公室');
    await dialog.getByText('及时办', { exact: true }).click();
    await dialog.getByLabel('办理要求（可选）').fill(INSTRUCTIONS);
    await shot(page, 'assign-dialog');
    await submitDialog(page, '已交办，交办函已生成');

    const lead = assignmentOf(page, '南昌市委办公室');
    await lead.getByTestId('assignment-status').filter({ hasText: '待签收' }).waitFor();
    await lead.getByText(INSTRUCTIONS).waitFor();
    // Three running deadlines, each in words as well as colour.
    await expect.poll(() => lead.locator('[data-testid^="deadline-"][data-state="ok"]').count()).toBe(3);
    await lead.getByTestId('deadline-sign').getByText(/剩余/).waitFor();
    await page.getByTestId('letter-assignment').waitFor();
    await page.getByTestId('handling-class').filter({ hasText: '及时办' }).first().waitFor();
    await shot(page, 'assigned');

    // The supervision list counts it among the open messages.
    await page.goto(`${server.url}/console/supervision?tab=open`);
    await page.getByTestId('supervision-table').getByRole('link', { name: TITLE }).waitFor();
    await shot(page, 'supervision-open');
  });

  it('lets the unit admin of 中共东湖区委 require approval of 东湖区民政局 replies', async () => {
    const page = unitAdmin;
    await logIn(page, 'unitadmin');
    await page.goto(`${server.url}/console/inbox`);
    const card = page.getByTestId('review-mode-card');
    await chooseUnit(page, card.getByLabel('单位', { exact: true }), '东湖区民政局');
    // The unit's current mode arrives with the choice: wait for it before changing it.
    await card.getByRole('radio', { name: '无需审核' }).and(page.locator(':checked')).waitFor();
    await card.getByText('单位管理员审核', { exact: true }).click();
    await card.getByTestId('review-mode-save').click();
    await page.getByText('东湖区民政局：单位管理员审核').waitFor();
    await shot(page, 'review-mode');
  });

  it('lets 南昌市委办公室 sign in its inbox and pass the work down to 东湖区民政局 with 大院街道办事处', async () => {
    const page = ncOffice;
    await logIn(page, 'ncoffice');
    await page.goto(`${server.url}/console/inbox`);
    const row = page.getByTestId('inbox-item').filter({ hasText: TITLE });
    await row.getByTestId('deadline-sign').waitFor();
    await shot(page, 'inbox-to-sign');
    await row.getByTestId('action-sign').click();
    await page.getByText('南昌市委办公室 已签收').waitFor();
    // Signed, it leaves 待签收 and shows under 办理中.
    await row.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /办理中/ }).click();
    await page.getByTestId('inbox-item').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).click();
    await page.getByTestId('staff-message').waitFor();

    // The unit pickers ask GET /units?q=…&passDownFrom={assignmentId} for the units below 南昌市委办公室
    // (its region's units, outside its own unit subtree).
    await assignmentOf(page, '南昌市委办公室').getByTestId('action-pass-down').click();
    const dialog = page.getByRole('dialog', { name: '转交下级单位' });
    await chooseUnit(page, dialog.getByLabel('主办单位'), '东湖区民政局');
    await chooseUnit(page, dialog.getByLabel('协办单位（可选）'), '大院街道办事处');
    await dialog.getByText('转交下级单位').click(); // closes the unit list
    await dialog.getByLabel('办理要求（可选）').fill(PASS_DOWN_INSTRUCTIONS);
    await submitDialog(page, '已转交下级单位');

    await assignmentOf(page, '南昌市委办公室').getByTestId('assignment-status').filter({ hasText: '已转交下级' }).waitFor();
    await assignmentOf(page, '东湖区民政局').getByTestId('assignment-status').filter({ hasText: '待签收' }).waitFor();
    await assignmentOf(page, '大院街道办事处').getByText('协办').first().waitFor();
    await shot(page, 'passed-down');
  });

  it('lets 东湖区民政局 sign, record the call with the citizen and write the final reply, held for review', async () => {
    const page = handler;
    await logIn(page, 'handler');
    await page.goto(`${server.url}/console/inbox`);
    await page.getByTestId('inbox-item').filter({ hasText: TITLE }).getByRole('link', { name: TITLE }).click();
    const own = assignmentOf(page, '东湖区民政局');
    await own.getByTestId('action-sign').click();
    await page.getByText('东湖区民政局 已签收').waitFor();
    await own.getByTestId('assignment-status').filter({ hasText: '办理中' }).waitFor();

    await own.getByTestId('action-contact').click();
    const contact = page.getByRole('dialog', { name: '联系网民' });
    await contact.getByLabel('联系情况').fill(CONTACT_SUMMARY);
    await submitDialog(page, '已记录联系情况');
    await own.getByTestId('deadline-contact').getByText('已联系').waitFor();
    await page.getByTestId('timeline-contacted').getByText('内部').waitFor();

    await own.getByTestId('action-reply').click();
    const reply = page.getByRole('dialog', { name: '回复网民' });
    await reply.getByLabel('最终答复').check();
    // The co-handler has not signed: the lead unit is told before its final reply ends that work.
    await reply.getByTestId('co-handler-warning').getByText('协办单位尚未完成：大院街道办事处（未签收）').waitFor();
    await reply.getByLabel('回复内容').fill(FINAL_REPLY);
    await shot(page, 'reply-dialog');
    await submitDialog(page, '回复已提交');
    const held = page.getByTestId('held-reply');
    await held.getByText('待审核').waitFor();
    await held.getByText(FINAL_REPLY).waitFor();
    await shot(page, 'reply-held');
  });

  it('lets the unit admin approve the reply in the reviews page', async () => {
    const page = unitAdmin;
    await page.goto(`${server.url}/console/reviews`);
    const item = page.getByTestId('review-item').filter({ hasText: messageNumber });
    await item.getByText(FINAL_REPLY).waitFor();
    // The reviewer reads the question beside the reply, and can open what happened so far.
    await item.getByTestId('review-context').getByText(BODY).waitFor();
    await item.getByRole('button', { name: /办理过程/ }).click();
    await item.getByTestId('review-context').getByText(CONTACT_SUMMARY).waitFor();
    await shot(page, 'reviews');
    await item.getByTestId('review-approve').click();
    await page.getByText(`已通过，留言 ${messageNumber} 的回复已公开`).waitFor();
    await item.waitFor({ state: 'detached' });
  });

  it('shows the citizen the reply of 东湖区民政局, and takes a 满意 rating and a thank-you', async () => {
    const page = citizen;
    await page.goto(`${server.url}${messagePath}`);
    const replyEntry = page.getByTestId('timeline-reply').filter({ hasText: FINAL_REPLY });
    await replyEntry.getByText('东湖区民政局 回复').waitFor();
    await replyEntry.getByText('最终答复').waitFor();

    const card = page.getByTestId('rating-card');
    await page.getByTestId('rate-resolution').locator('li').nth(3).click(); // 4
    await page.getByTestId('rate-attitude').locator('li').nth(4).click(); // 5
    await page.getByTestId('rate-speed').locator('li').nth(3).click(); // 4
    expect(await card.getByTestId('rating-grade').textContent()).toBe('满意');
    await page.getByTestId('rating-submit').click();
    await page.getByText('评价已提交').waitFor();
    await page.getByTestId('timeline-closed').getByText('网友评价后办结').waitFor();

    // A thank-you after the message closed.
    await page.getByLabel('追问内容').fill(THANKS);
    await page.getByRole('button', { name: '提交追问' }).click();
    await page.getByText('追问已提交').waitFor();
    await page.getByTestId('timeline-follow_up').filter({ hasText: THANKS }).waitFor();
    await shot(page, 'citizen-rated');
  });

  it('shows a visitor on a phone the chain 南昌市委办公室 → 东湖区民政局 and the reply under 东湖区民政局', async () => {
    const page = visitor;
    await page.goto(`${server.url}${messagePath}`);
    const chain = page.getByTestId('handling-chain');
    await chain.waitFor();
    const steps = await chain.getByTestId('chain-step').allTextContents();
    expect(steps.length).toBe(2);
    expect(steps[0]).toContain('南昌市委办公室');
    expect(steps[1]).toContain('东湖区民政局');
    expect(steps[1]).toContain('大院街道办事处');
    await chain.getByText('江西省委民声通道工作室').waitFor();

    await page.getByTestId('timeline-assigned').getByText('江西省委民声通道工作室 交办 南昌市委办公室（主办）').waitFor();
    await page.getByTestId('timeline-passed_down').getByText('南昌市委办公室 转交 东湖区民政局（主办）、大院街道办事处（协办）').waitFor();
    await page.getByTestId('timeline-reply').filter({ hasText: FINAL_REPLY }).getByText('东湖区民政局 回复').waitFor();
    await page.getByTestId('timeline-follow_up').filter({ hasText: THANKS }).waitFor();

    // What stayed inside: the instructions, the call, the review.
    const text = (await page.getByTestId('message-detail').textContent()) ?? '';
    expect(text).not.toContain(CONTACT_SUMMARY);
    expect(text).not.toContain(INSTRUCTIONS);
    expect(text).not.toContain(PASS_DOWN_INSTRUCTIONS);
    expect(text).not.toContain('内部');
    // Usable at 390 px: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'public-chain');
  });
});
