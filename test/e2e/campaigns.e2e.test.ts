/**
 * A campaign's whole life in a browser, after 国家机关事务管理局's prize collection of ideas against
 * food waste in public canteens ("制止餐饮浪费"): the platform admin creates the campaign (有奖,
 * entries public) with a cover and a questionnaire (a single choice that skips ahead, a multiple
 * choice, a rating scale, a text question) and publishes both; two citizens each send a suggestion
 * and answer the questionnaire (one takes the skip); the entries are screened like any message;
 * one citizen supports the other's entry; the organiser adopts it with a note and a prize, ends the
 * campaign and publishes the results; a visitor on a phone sees the adopted suggestion on 采纳建议
 * and on the campaign page. Screenshots go to /tmp/e2e-shots.
 */
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, openPage, shot, startE2e, stopE2e } from '../support/e2e.js';

const CITIZEN_A = '13907910001'; // 南昌老郑
const CITIZEN_B = '15037420002'; // 许昌暖冬

const CAMPAIGN = '制止餐饮浪费 我为公共机构食堂节约献一策';
const DESCRIPTION =
  '为深入贯彻落实制止餐饮浪费行为的重要指示精神，国家机关事务管理局面向社会公开征集公共机构食堂节约用餐的意见建议。欢迎围绕食堂管理、宣传教育、制度建设等方面建言献策，优秀建议将给予奖励。';
const QUESTIONNAIRE = '公共机构食堂餐饮浪费情况调查';
const ENTRY_A = '推行小份菜和按需取餐';
const BODY_A = '建议公共机构食堂推行小份菜、半份菜，自助餐按需少量多次取餐，并在餐台设置提示牌，对剩餐较多的就餐人员进行提醒。';
const ENTRY_B = '食堂应公开每周剩余饭菜数量';
const BODY_B = '建议各单位食堂每周公布剩余饭菜的重量，按部门排名，纳入节约型机关考核，形成人人节约的氛围。';
const NOTE = '已写入《公共机构反食品浪费工作指南》，在中央国家机关食堂推广小份菜和按需取餐。';
const PRIZE = '一等奖';
const SUMMARY = '本次征集共收到建议2条，经研究，采纳1条，已写入《公共机构反食品浪费工作指南》。感谢广大网民的积极参与！';

let server: { url: string };
let campaignPath = '';
let consoleCampaignPath = '';
let questionnairePath = '';
let consoleQuestionnairePath = '';

/** Picks an option in an antd select (or cascader level) that is open. */
async function chooseOption(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Confirms the open Popconfirm with its OK button. */
async function confirm(page: Page, ok: string): Promise<void> {
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: ok }).click();
}

/** The entry of a campaign by its title, wherever it is listed. */
function entryOf(scope: Page | Locator, title: string): Locator {
  return scope.getByTestId('entry-item').filter({ hasText: title });
}

/** Sends an entry from the campaign page's form: 建议, a topic, 江西省 南昌市 or 河南省 许昌市, title and text. */
async function sendEntry(page: Page, entry: { topic: string; province: string; city: string; title: string; body: string }): Promise<string> {
  const form = page.getByTestId('entry-form');
  await form.getByLabel('主题').click();
  await chooseOption(page, entry.topic);
  await form.getByLabel('所在地区').click();
  await page.locator('.ant-cascader-menu-item', { hasText: entry.province }).click();
  await page.locator('.ant-cascader-menu-item', { hasText: entry.city }).click();
  await page.keyboard.press('Escape');
  await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
  await form.getByLabel('标题').fill(entry.title);
  await form.getByLabel('具体内容').fill(entry.body);
  await shot(page, 'entry-form');
  await page.getByTestId('entry-submit').click();
  const number = (await page.getByTestId('entry-number').textContent()) ?? '';
  expect(number).toMatch(/^\d{4}-\d{2}-\d{2}-\d{6}$/);
  return number;
}

describe('campaigns: the food-waste campaign from the call to the adopted suggestion', () => {
  let organiser: Page;
  let citizenA: Page;
  let citizenB: Page;
  let visitor: Page;
  let visitorDesk: Page;
  let numberA = '';
  let numberB = '';

  beforeAll(async () => {
    server = await startE2e('campaigns');
    organiser = await openPage(1280);
    citizenA = await openPage(390);
    citizenB = await openPage(1280);
    visitor = await openPage(390);
    visitorDesk = await openPage(1280);
  });

  afterAll(stopE2e);

  it('lets the organiser create the campaign of 国家机关事务管理局 with a cover and publish it', async () => {
    const page = organiser;
    await logIn(page, 'admin');
    await page.goto(`${server.url}/console`);
    await page.getByRole('navigation', { name: '后台导航' }).getByText('征集活动').click();
    await page.getByRole('heading', { level: 1, name: '征集活动' }).waitFor();
    await page.getByTestId('new-campaign').click();
    await page.getByRole('heading', { level: 1, name: '新建征集' }).waitFor();

    await page.getByLabel('活动标题').fill(CAMPAIGN);
    await page.getByLabel('活动说明').fill(DESCRIPTION);
    const cover = await sharp({ create: { width: 1200, height: 500, channels: 3, background: { r: 196, g: 120, b: 60 } } }).jpeg().toBuffer();
    await page.locator('input[type=file]').setInputFiles({ name: 'canteen.jpg', mimeType: 'image/jpeg', buffer: cover });
    await page.locator('.ant-upload-list-item-done').waitFor();
    await page.getByLabel('主办单位').fill('国家机关事务管理局');
    await chooseOption(page, '国家机关事务管理局');
    // A ministry organiser files under its own board.
    await page.getByTestId('board-select').getByText('国家机关事务管理局').waitFor();
    await page.getByLabel('征集主题（可选）').fill('公共食堂、宣传教育、制度建设、');
    for (const topic of ['公共食堂', '宣传教育', '制度建设']) await page.locator('.ant-select-selection-item', { hasText: topic }).waitFor();
    await page.getByLabel('有奖征集').click();
    await shot(page, 'campaign-form');
    await page.getByTestId('campaign-save').click();

    await page.waitForURL(/\/console\/campaigns\/\d+$/);
    consoleCampaignPath = new URL(page.url()).pathname;
    campaignPath = consoleCampaignPath.replace('/console', '');
    await page.getByTestId('campaign-status').getByText('草稿').waitFor();
    await page.getByTestId('publish-campaign').click();
    await confirm(page, '发布');
    await page.getByTestId('campaign-status').getByText('已发布').waitFor();
  });

  it('lets the organiser build the questionnaire with a skip rule and publish it', async () => {
    const page = organiser;
    await page.getByRole('tab', { name: '问卷' }).click();
    await page.getByTestId('new-campaign-questionnaire').click();
    await page.getByRole('heading', { level: 1, name: '新建问卷' }).waitFor();
    // It belongs to the campaign, organised by the campaign's organiser.
    await page.getByTestId('questionnaire-campaign').getByText(CAMPAIGN).waitFor();
    await page.locator('.ant-form-item').filter({ hasText: '主办单位' }).getByText('国家机关事务管理局').waitFor();
    await page.getByLabel('问卷标题').fill(QUESTIONNAIRE);

    for (const kind of ['single', 'multiple', 'scale', 'long']) await page.getByTestId(`add-${kind}`).click();
    const editors = page.getByTestId('question-editor');
    await expect.poll(() => editors.count(), { timeout: 15_000 }).toBe(4);

    const q1 = editors.nth(0);
    await q1.getByTestId('question-text').fill('您是否在公共机构食堂就餐？');
    await q1.getByTestId('option-label').nth(0).fill('是');
    await q1.getByTestId('option-label').nth(1).fill('否');
    await q1.getByTestId('skip-add').click();
    await q1.getByTestId('skip-when').click();
    await chooseOption(page, '否');
    await q1.getByTestId('skip-to').click();
    await chooseOption(page, '第4题');

    const q2 = editors.nth(1);
    await q2.getByTestId('question-text').fill('您认为浪费主要发生在哪些环节？');
    await q2.getByTestId('option-add').click();
    for (const [i, label] of ['打饭过量', '菜品不合口味', '剩菜无人处理'].entries()) await q2.getByTestId('option-label').nth(i).fill(label);

    await editors.nth(2).getByTestId('question-text').fill('您对所在食堂节约措施的满意程度');
    await editors.nth(3).getByTestId('question-text').fill('您对制止餐饮浪费的其他建议');
    await shot(page, 'questionnaire-builder');
    await page.getByTestId('questionnaire-save').click();

    await page.waitForURL(/\/console\/questionnaires\/\d+$/);
    consoleQuestionnairePath = new URL(page.url()).pathname;
    questionnairePath = consoleQuestionnairePath.replace('/console', '');
    await page.getByTestId('publish-questionnaire').click();
    await confirm(page, '发布');
    await page.getByTestId('questionnaire-status').getByText('进行中').waitFor();
  });

  it('shows the open campaign with its countdown and counter, and takes citizen A’s suggestion on a phone', async () => {
    const page = citizenA;
    await logIn(page, CITIZEN_A);
    await page.goto(`${server.url}/campaigns`);
    const card = page.getByTestId('campaign-card').filter({ hasText: CAMPAIGN });
    await card.getByText('征集中').waitFor();
    await card.getByText('有奖').waitFor();
    await card.getByText(/距结束还有/).waitFor();
    await shot(page, 'campaigns-phone');
    await card.getByRole('link', { name: CAMPAIGN }).click();

    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    await page.getByTestId('entry-counter').getByText('已收到 0 条意见建议').waitFor();
    await page.getByTestId('campaign-questionnaires').getByRole('link', { name: QUESTIONNAIRE }).waitFor();
    await shot(page, 'campaign-phone');
    await page.getByTestId('to-entry-form').click();
    numberA = await sendEntry(page, { topic: '公共食堂', province: '江西省', city: '南昌市', title: ENTRY_A, body: BODY_A });
    await shot(page, 'entry-sent-phone');
    // The counter counts every entry at once (the list shows them after screening).
    await page.getByTestId('entry-counter').getByText('已收到 1 条意见建议').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('lets citizen A answer the whole questionnaire on a phone in elderly mode', async () => {
    const page = citizenA;
    // Large type: the form must still fit the phone.
    await page.getByTestId('elderly-toggle').click();
    await page.getByTestId('campaign-questionnaires').getByRole('link', { name: QUESTIONNAIRE }).click();
    await page.getByRole('heading', { level: 1, name: QUESTIONNAIRE }).waitFor();
    const questions = page.getByTestId('question');
    await questions.nth(3).waitFor();
    expect(await questions.count()).toBe(4);
    // Required questions say so in words.
    await questions.nth(0).getByText('必答').waitFor();

    // Submitting empty: each required question names its error, and nothing is sent.
    await page.getByTestId('questionnaire-submit').click();
    await questions.nth(0).getByText('此题为必答题，请选择').waitFor();

    await questions.nth(0).getByText('是', { exact: true }).click();
    await questions.nth(1).getByText('打饭过量').click();
    await questions.nth(1).getByText('剩菜无人处理').click();
    await questions.nth(2).getByText('4', { exact: true }).click();
    await questions.nth(3).getByRole('textbox').fill('建议食堂提供小份菜，并每周公示剩餐情况。');
    // The region (optional) feeds the cross-tab by province.
    await page.getByLabel('您所在的地区（可选）').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '江西省' }).click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
    await shot(page, 'questionnaire-phone-elderly');
    await page.getByTestId('questionnaire-submit').click();
    await page.getByTestId('questionnaire-thanks').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Once per account.
    await page.reload();
    await page.getByTestId('already-answered').waitFor();

    // The campaign page in large type still fits the phone.
    await page.goto(`${server.url}${campaignPath}`);
    await page.getByTestId('public-entries').or(page.getByText('还没有公开的投稿')).first().waitFor();
    await shot(page, 'campaign-phone-elderly');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it('lets citizen B send a suggestion and take the skip in the questionnaire', async () => {
    const page = citizenB;
    await logIn(page, CITIZEN_B);
    await page.goto(`${server.url}${campaignPath}`);
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    await shot(page, 'campaign-desktop');
    numberB = await sendEntry(page, { topic: '制度建设', province: '河南省', city: '许昌市', title: ENTRY_B, body: BODY_B });

    // B finds the questionnaire through 征集活动 → 问卷调查, the list of every published questionnaire.
    await page.goto(`${server.url}/campaigns`);
    await page.getByTestId('to-questionnaires').click();
    await page.getByRole('heading', { level: 1, name: '问卷调查' }).waitFor();
    await page.getByTestId('questionnaire-list').getByRole('link', { name: QUESTIONNAIRE }).click();
    await page.waitForURL((url) => url.pathname === questionnairePath);
    await page.getByRole('heading', { level: 1, name: QUESTIONNAIRE }).waitFor();
    const questions = page.getByTestId('question');
    await questions.nth(3).waitFor();
    expect(await questions.count()).toBe(4);
    await questions.nth(0).getByText('否', { exact: true }).click();
    // 否 skips to question 4: questions 2 and 3 leave the form (and are not sent).
    await expect.poll(() => questions.count(), { timeout: 15_000 }).toBe(2);
    await page.getByTestId('skipped-note').getByText('已跳过 2 道题').waitFor();
    expect(await questions.nth(1).getAttribute('data-position')).toBe('4');
    await shot(page, 'questionnaire-skip-desktop');
    await page.getByTestId('questionnaire-submit').click();
    await page.getByTestId('questionnaire-thanks').waitFor();
  });

  it('screens the entries like any message: accepted, they show on the campaign page', async () => {
    const page = organiser;
    await page.goto(`${server.url}/console/screening`);
    for (const number of [numberA, numberB]) {
      const item = page.getByTestId('screening-item').filter({ hasText: number });
      // The queue is oldest first, a page at a time: the seeded messages come before the entries.
      await page.getByTestId('screening-list').waitFor();
      while ((await item.count()) === 0) await page.getByRole('button', { name: '加载更多' }).click();
      await item.getByTestId('screening-accept').click();
      await page.getByTestId('screening-accepted').filter({ hasText: number }).waitFor();
    }
  });

  it('lets citizen B support citizen A’s entry, once', async () => {
    const page = citizenB;
    await page.goto(`${server.url}${campaignPath}`);
    const entry = entryOf(page.getByTestId('public-entries'), ENTRY_A);
    const button = entry.getByTestId('support-button');
    await button.getByText('点赞 0').waitFor();
    await button.click();
    await button.getByText('已点赞 1').waitFor();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    // Sorted by support, A's entry comes first.
    await page.getByTestId('entry-sort').getByText('点赞最多').click();
    await expect.poll(async () => (await page.getByTestId('public-entries').getByTestId('entry-item').first().textContent()) ?? '', { timeout: 15_000 }).toContain(ENTRY_A);
    await shot(page, 'entries-supported');
  });

  it('lets the organiser adopt A’s entry with a note and a prize, see the figures, end the campaign and publish the results', async () => {
    const page = organiser;
    await page.goto(`${server.url}${consoleCampaignPath}`);
    const row = page.locator('tr', { hasText: ENTRY_A });
    await row.getByTestId('adopt-button').click();
    const dialog = page.getByRole('dialog', { name: '采纳投稿' });
    await dialog.getByLabel('采纳说明（公开）').fill(NOTE);
    await dialog.getByLabel('奖项（可选）').fill(PRIZE);
    await shot(page, 'adopt-dialog');
    await dialog.getByTestId('adopt-ok').click();
    await page.getByText('已采纳，已通知投稿人').waitFor();
    await row.getByTestId('manage-adoption').getByText(PRIZE).waitFor();
    await shot(page, 'console-entries');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('entries-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByRole('tab', { name: '数据统计' }).click();
    await page.getByTestId('adoption-rate').getByText('50.0%').waitFor();
    await page.getByTestId('stats-by-day').waitFor();
    await shot(page, 'console-stats');

    await page.getByRole('tab', { name: '发布结果' }).click();
    await page.getByTestId('end-now').click();
    await confirm(page, '立即结束征集');
    await page.getByText('征集已结束').first().waitFor();
    await page.getByLabel('结果说明').fill(SUMMARY);
    await page.getByTestId('publish-results').click();
    await page.getByText('结果已发布').first().waitFor();
    await page.getByTestId('campaign-status').getByText('已公布结果').waitFor();
  });

  it('shows the organiser the questionnaire results live, with the cross-tab by region', async () => {
    const page = organiser;
    await page.goto(`${server.url}${consoleQuestionnairePath}`);
    await page.getByTestId('response-total').getByText('共 2 份答卷').waitFor();
    const results = page.getByTestId('question-result');
    await results.nth(3).waitFor();
    expect(await results.count()).toBe(4);
    // Question 2 was skipped by one of the two.
    await results.nth(1).getByText('1 人作答').waitFor();
    await page.getByTestId('crossby-region').click();
    const crosstab = page.getByTestId('crosstab').first();
    await crosstab.locator('tr', { hasText: '江西省' }).getByText('1 (100.0%)').first().waitFor();
    await crosstab.locator('tr', { hasText: '未填写地区' }).waitFor();
    await shot(page, 'questionnaire-results');
  });

  it('lets the organiser make only additive edits to the answered questionnaire, and says what is locked', async () => {
    const page = organiser;
    await page.getByTestId('edit-questionnaire').click();
    await page.getByTestId('additive-note').getByText('已收到 2 份答卷，只能追加修改').waitFor();
    const editors = page.getByTestId('question-editor');
    await editors.nth(3).waitFor();
    expect(await editors.count()).toBe(4);
    expect(await editors.nth(0).getByTestId('question-text').isDisabled()).toBe(true);
    await editors.nth(0).getByTestId('question-locked').getByText('已有答卷：本题已锁定，只能在末尾追加选项').waitFor();
    // An option appended to the multiple choice, an optional short question appended at the end.
    await editors.nth(1).getByTestId('option-add').click();
    await editors.nth(1).getByTestId('option-label').nth(3).fill('其他');
    await page.getByTestId('add-short').click();
    await editors.nth(4).getByTestId('question-text').fill('您所在单位的类型');
    expect(await editors.nth(4).getByTestId('question-required').isDisabled()).toBe(true);
    await shot(page, 'questionnaire-additive');
    await page.getByTestId('questionnaire-save').click();
    await page.waitForURL(/\/console\/questionnaires\/\d+$/);
    await page.getByTestId('question-result').nth(4).getByText('您所在单位的类型').waitFor();
    await page.getByTestId('question-result').nth(1).getByText('其他').first().waitFor();
  });

  it('shows a visitor on a phone the adopted suggestion on 采纳建议 and on the campaign page', async () => {
    const page = visitor;
    await page.goto(`${server.url}/adopted`);
    const adopted = entryOf(page.getByTestId('adopted-list'), ENTRY_A);
    await adopted.getByTestId('adoption-note').getByText(NOTE).waitFor();
    await adopted.getByTestId('adoption-prize').getByText(PRIZE).waitFor();
    await adopted.getByRole('link', { name: CAMPAIGN }).waitFor();
    await shot(page, 'adopted-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await adopted.getByRole('link', { name: CAMPAIGN }).click();
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    await page.getByTestId('campaign-phase').getByText('已公布结果').waitFor();
    const results = page.getByTestId('campaign-results');
    await results.getByText(SUMMARY).waitFor();
    await entryOf(results, ENTRY_A).getByTestId('adoption-note').getByText(NOTE).waitFor();
    // No form after the end; the visitor is not asked to log in to take part.
    expect(await page.getByTestId('entry-form').count()).toBe(0);
    await shot(page, 'results-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await visitorDesk.goto(`${server.url}${campaignPath}`);
    await visitorDesk.getByTestId('campaign-results').getByText(SUMMARY).waitFor();
    await shot(visitorDesk, 'results-desktop');
    // The page in the other languages (the organiser's own words stay as written).
    await visitorDesk.getByTestId('language-en').click();
    await visitorDesk.getByRole('heading', { level: 2, name: 'Results' }).waitFor();
    await visitorDesk.getByTestId('campaign-phase').getByText('Results published').waitFor();
    await shot(visitorDesk, 'results-desktop-en');
    await visitorDesk.getByTestId('language-zh-TW').click();
    await visitorDesk.getByRole('heading', { level: 2, name: '徵集結果' }).waitFor();
    await visitorDesk.goto(`${server.url}/campaigns?tab=ended`);
    await visitorDesk.getByTestId('campaign-card').filter({ hasText: CAMPAIGN }).getByText('已公布結果').waitFor();
    await shot(visitorDesk, 'campaigns-ended-tw');
  });
});
