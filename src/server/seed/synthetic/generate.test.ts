import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../../shared/mask.js';
import { BODY_MAX, gradeOf, publicStatusOf, TITLE_MAX, TITLE_MIN, type MessageStatus } from '../../../shared/messages.js';
import { toSearchDocument } from '../../modules/search/search-text.js';
import { leaderBoardName, leaderTitles } from '../../modules/regions/region-names.js';
import { DEMO_MINISTRIES } from '../demo-data.js';
import { buildRegionRows } from '../regions.seed.js';
import { addWorkingDays } from '../../modules/calendar/working-days.js';
import { buildMessage, DAY_MS, DEFAULT_POLICIES, formatNumber, isSatisfied, numberDay, packPlan, planMessages, STATUS_SHARES, statusTable, unpackPlan, type GeneratorContext, type SyntheticMessage } from './generate.js';
import { ancestorAt, BoardIndex, LocationPicker, RegionTree, type BoardRef } from './places.js';
import { hashSeed, Rng } from './prng.js';
import { SearchDocuments } from './search-cache.js';
import { FIELD_ACTIONS, FIELD_CODES, FIELD_TEMPLATES, type Template } from './templates.js';
import { fakeIdNumber, nicknameFor, shortName, titleRuns } from './text.js';
import { planUnits, UnitDirectory, type UnitRow } from './units.js';

// The tree, units and boards the seed and the synthetic loader build, without a database.
const tree = new RegionTree(buildRegionRows());
const unitPlan = planUnits(tree, []);
const unitRows: UnitRow[] = unitPlan.map((u, i) => ({ id: String(10_000 + i), key: u.key, name: u.name, kind: u.kind, regionCode: u.regionCode }));
unitRows.push({ id: '88', key: 'ministry', name: '人力资源和社会保障部', kind: 'ministry', regionCode: '000000' });
const unitById = new Map(unitRows.map((u) => [u.id, u]));
const officeOf = new Map(unitPlan.flatMap((u, i) => (u.boardUnit ? [[u.regionCode, String(10_000 + i)] as const] : [])));
const boardRefs: BoardRef[] = [];
for (const r of tree.byCode.values()) {
  if (r.level !== 'province' && r.level !== 'city' && r.level !== 'county') continue;
  leaderTitles(r.level, r.name).forEach((title) => {
    const unitId = officeOf.get(r.code) ?? null;
    boardRefs.push({ id: String(boardRefs.length + 1), kind: 'leader', name: leaderBoardName(r.name, title), title, regionCode: r.code, unitId, unitName: unitId ? unitById.get(unitId)!.name : null });
  });
}
for (const m of DEMO_MINISTRIES) boardRefs.push({ id: String(boardRefs.length + 1), kind: 'ministry', name: m.name, title: m.name, regionCode: null, unitId: '88', unitName: m.name });
const boardById = new Map(boardRefs.map((b) => [b.id, b]));
const units = new UnitDirectory(unitRows, officeOf);
const NOW = Date.parse('2026-11-23T08:00:00Z');

function context(): GeneratorContext {
  return {
    locations: new LocationPicker(tree),
    boards: new BoardIndex(boardRefs),
    authors: Array.from({ length: 100 }, (_, i) => ({ id: String(1000 + i), nickname: `网友${i}` })),
    fields: new Set(FIELD_CODES),
    now: NOW,
    spanDays: 730,
    units,
  };
}

function generate(seed: string, count: number): SyntheticMessage[] {
  const ctx = context();
  const plan = planMessages(seed, count, NOW, 730);
  const rng = new Rng(seed, 2);
  return Array.from(plan, (packed, i) => {
    const { at, status } = unpackPlan(packed);
    return buildMessage(rng, ctx, at, status, formatNumber(numberDay(at), i + 1));
  });
}

const sample = generate('invariants', 20_000);
const FIELD_SENTENCES = Object.values(FIELD_ACTIONS)
  .flatMap((a) => [...a.c, ...a.h, ...a.s])
  .map((text) => ({ text, pattern: new RegExp(`^${text.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?')}`) }));

describe('synthetic message generation', () => {
  it('gives the same titles, statuses and times for the same seed', () => {
    const a = generate('same', 500);
    const b = generate('same', 500);
    expect(a.map((m) => [m.title, m.status, m.createdAt, m.body])).toEqual(b.map((m) => [m.title, m.status, m.createdAt, m.body]));
    const c = generate('other', 500);
    expect(c.slice(0, 50).map((m) => m.title)).not.toEqual(a.slice(0, 50).map((m) => m.title));
  });

  it('draws the same stream for the same seed and another for another seed', () => {
    const x = new Rng('s', 0);
    const y = new Rng('s', 0);
    const z = new Rng('s', 1);
    const xs = Array.from({ length: 5 }, () => x.nextUint32());
    expect(Array.from({ length: 5 }, () => y.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => z.nextUint32())).not.toEqual(xs);
    expect(hashSeed('1')).toBe(hashSeed(1));
  });

  it('orders messages by creation time within the span, with volume growing', () => {
    for (let i = 1; i < sample.length; i++) expect(sample[i]!.createdAt).toBeGreaterThanOrEqual(sample[i - 1]!.createdAt);
    expect(sample[0]!.createdAt).toBeGreaterThanOrEqual(NOW - 731 * DAY_MS);
    expect(sample.at(-1)!.createdAt).toBeLessThanOrEqual(NOW);
    const firstQuarter = sample.filter((m) => m.createdAt < NOW - 547 * DAY_MS).length;
    const lastQuarter = sample.filter((m) => m.createdAt >= NOW - 183 * DAY_MS).length;
    expect(lastQuarter / firstQuarter).toBeGreaterThan(1.4);
    // No spike at the end: the newest month is close to the month before it.
    const month = (k: number) => sample.filter((m) => m.createdAt >= NOW - (k + 1) * 30 * DAY_MS && m.createdAt < NOW - k * 30 * DAY_MS).length;
    expect(month(0) / month(1)).toBeLessThan(1.3);
  });

  it('mixes statuses in the published shares, the unscreened ones recent', () => {
    const total = STATUS_SHARES.reduce((a, [, w]) => a + w, 0);
    for (const [status, share] of STATUS_SHARES) {
      const n = sample.filter((m) => m.status === status).length;
      expect(Math.abs(n / sample.length - share / total), status).toBeLessThan(0.015);
    }
    const submitted = sample.filter((m) => m.status === 'submitted');
    expect(submitted.filter((m) => m.createdAt > NOW - 30 * DAY_MS).length / submitted.length).toBeGreaterThan(0.9);
    expect(statusTable(730)).toHaveLength(730);
  });

  it('keeps public status, listing, times, events and ratings consistent with the status', () => {
    const accepted: MessageStatus[] = ['accepted', 'assigned', 'handling', 'replied', 'dissatisfied', 'closed'];
    const answered: MessageStatus[] = ['replied', 'dissatisfied', 'closed'];
    for (const m of sample) {
      const isAccepted = accepted.includes(m.status);
      expect(m.publicStatus).toBe(m.isPublic ? publicStatusOf(m.status) : null);
      expect(m.listed).toBe(m.isPublic && isAccepted);
      expect(m.acceptedAt !== null).toBe(isAccepted);
      expect(m.rejectReason !== null).toBe(m.status === 'rejected');
      const kinds = m.events.map((e) => e.kind);
      expect(kinds[0]).toBe('submitted');
      const times = m.events.map((e) => e.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
      expect(times[0]).toBe(m.createdAt);
      const replies = m.events.filter((e) => e.kind === 'reply');
      const finals = replies.filter((e) => e.data.final === true);
      expect(finals.length).toBe(answered.includes(m.status) ? 1 : 0);
      if (m.status === 'handling') expect(replies.length).toBeGreaterThan(0);
      expect(m.firstReplyAt).toBe(replies[0]?.at ?? null);
      expect(m.lastReplyAt).toBe(replies.at(-1)?.at ?? null);
      expect(m.finalReplyAt).toBe(finals[0]?.at ?? null);
      expect(m.activityAt).toBe(m.lastReplyAt ?? m.acceptedAt ?? m.createdAt);
      // Replies come from a lead unit of the message's chain.
      const leads = m.assignments.filter((a) => a.role === 'lead').map((a) => a.unitId);
      for (const r of replies) expect(leads).toContain(r.unitId);
      expect(kinds.includes('closed')).toBe(m.status === 'closed');
      expect(kinds.includes('withdrawn')).toBe(m.status === 'withdrawn');
      expect(kinds.includes('rejected')).toBe(m.status === 'rejected');
      expect(kinds.includes('accepted')).toBe(isAccepted);
      const closed = m.events.find((e) => e.kind === 'closed');
      expect(m.closedAt).toBe(closed?.at ?? null);
      if (m.rating) {
        expect(['dissatisfied', 'closed']).toContain(m.status);
        expect(m.rating.grade).toBe(gradeOf(m.rating));
        expect(m.rating.ratedAt).toBeGreaterThanOrEqual(m.finalReplyAt!);
        expect(kinds.filter((k) => k === 'rated')).toHaveLength(1);
        // The state machine: a satisfied rating closes at once; 不满意 holds a dissatisfied one until the coordinator acts.
        if (m.status === 'dissatisfied') expect(isSatisfied(m.rating.grade)).toBe(false);
        if (closed?.data.by === 'rating') {
          expect(isSatisfied(m.rating.grade)).toBe(true);
          expect(closed.at).toBe(m.rating.ratedAt);
          expect(m.closeReason).toBe('rated');
        }
        if (closed?.data.by === 'coordinator') {
          expect(isSatisfied(m.rating.grade)).toBe(false);
          expect(m.closeReason).toBe('explained');
        }
      } else {
        expect(kinds).not.toContain('rated');
        expect(['dissatisfied']).not.toContain(m.status);
        if (closed) {
          // 未评价: closed by the handling timers 7 days after the final reply.
          expect(closed.data).toEqual({ by: 'unrated' });
          expect(m.closeReason).toBe('unrated');
        }
      }
      // 已回复 without a rating lasts at most 7 days: then the timers close it.
      if (m.status === 'replied') expect(NOW - m.finalReplyAt!).toBeLessThan(7 * DAY_MS);
    }
    const answeredMessages = sample.filter((m) => answered.includes(m.status));
    const rated = answeredMessages.filter((m) => m.rating).length / answeredMessages.length;
    expect(rated).toBeGreaterThan(0.55);
    expect(rated).toBeLessThan(0.7);
    const satisfied = sample.filter((m) => m.rating && isSatisfied(m.rating.grade)).length;
    expect(satisfied / sample.filter((m) => m.rating).length).toBeGreaterThan(0.7);
    expect(sample.filter((m) => m.isPublic).length / sample.length).toBeCloseTo(0.85, 1);
  });

  it('packs every status with its time and unpacks them again', () => {
    for (const [status] of STATUS_SHARES) expect(unpackPlan(packPlan(NOW - 12_345, status))).toEqual({ at: NOW - 12_345, status });
  });

  it('assigns every message past accepted down a chain of its regions’ units, with the handling module’s deadlines and states', () => {
    const handled: MessageStatus[] = ['assigned', 'handling', 'replied', 'dissatisfied', 'closed'];
    const ancestors = (code: string) => {
      const out = new Set<string>(['000000']);
      for (let r = tree.byCode.get(code) ?? null; r; r = r.parent) out.add(r.code);
      return out;
    };
    let passedDown = 0;
    let signedMessages = 0;
    let withCo = 0;
    let openLeads = 0;
    let overdueLeads = 0;
    for (const m of sample) {
      const a = m.assignments;
      expect(a.length > 0, m.status).toBe(handled.includes(m.status));
      expect(m.handlingClass !== null).toBe(handled.includes(m.status));
      expect(m.assignedAt !== null).toBe(handled.includes(m.status));
      if (a.length === 0) continue;
      const top = a[0]!;
      expect(top).toMatchObject({ parent: null, role: 'lead', assignedByUnitId: null, handlingClass: m.handlingClass, assignedAt: m.assignedAt });
      expect(top.assignedAt).toBeGreaterThanOrEqual(m.acceptedAt!);
      const policy = DEFAULT_POLICIES[m.handlingClass!];
      expect(top.signDue).toBe(addWorkingDays(new Date(top.assignedAt), policy.sign_days).getTime());
      expect(top.contactDue).toBe(addWorkingDays(new Date(top.assignedAt), policy.contact_days).getTime());
      expect(top.replyDue).toBe(addWorkingDays(new Date(top.assignedAt), policy.reply_days).getTime());
      const child = a.find((x) => x.parent !== null && x.role === 'lead');
      // Units of the message's own regions (or a ministry), never elsewhere; one open part per unit.
      const up = ancestors(m.regionCode);
      for (const x of a) expect(up.has(unitById.get(x.unitId)!.regionCode), unitById.get(x.unitId)!.name).toBe(true);
      const open = a.filter((x) => ['pending', 'signed', 'passed_down'].includes(x.status));
      expect(new Set(open.map((x) => x.unitId)).size).toBe(open.length);
      if (m.status === 'assigned') {
        expect(a.every((x) => x.status === 'pending' && x.signedAt === null && x.parent === null)).toBe(true);
      } else if (m.status === 'handling') {
        signedMessages++;
        expect(top.status).toBe(child ? 'passed_down' : 'signed');
        expect(top.signedAt).not.toBeNull();
        if (child) expect(['signed', 'pending']).toContain(child.status);
      } else {
        signedMessages++;
        for (const x of a.filter((y) => y.role === 'lead')) expect(x).toMatchObject({ status: 'done', repliedAt: m.finalReplyAt, finishedAt: m.finalReplyAt });
        for (const x of a.filter((y) => y.role === 'co')) expect(['done', 'cancelled']).toContain(x.status);
      }
      if (child) {
        passedDown++;
        expect(child).toMatchObject({ parent: 0, assignedByUnitId: top.unitId, contactDue: top.contactDue, replyDue: top.replyDue });
        expect(child.signDue).toBeLessThanOrEqual(top.replyDue);
        expect(child.assignedAt).toBeGreaterThanOrEqual(top.signedAt!);
        expect(m.events.filter((e) => e.kind === 'passed_down')).toHaveLength(1);
      }
      if (a.some((x) => x.role === 'co')) withCo++;
      for (const x of a) {
        if (x.signedAt !== null) expect(x.signedAt).toBeGreaterThanOrEqual(x.assignedAt);
        if (x.contactedAt !== null) expect(x.contactedAt).toBeGreaterThanOrEqual(x.signedAt ?? x.assignedAt);
        for (const time of [x.signedAt, x.contactedAt, x.finishedAt]) if (time !== null) expect(time).toBeLessThanOrEqual(NOW);
        if (x.role === 'lead' && open.includes(x)) {
          openLeads++;
          if (Math.min(x.status === 'pending' ? x.signDue : Infinity, x.contactedAt === null ? x.contactDue : Infinity, x.replyDue) < NOW) overdueLeads++;
        }
      }
      // The timeline tells the same story: 交办 once, 签收 per signature.
      expect(m.events.filter((e) => e.kind === 'assigned').map((e) => e.at)).toEqual([m.assignedAt]);
      expect(m.events.filter((e) => e.kind === 'signed')).toHaveLength(a.filter((x) => x.signedAt !== null).length);
    }
    expect(passedDown / signedMessages).toBeGreaterThan(0.15);
    expect(passedDown / signedMessages).toBeLessThan(0.5);
    expect(withCo).toBeGreaterThan(0);
    // Most open work is overdue by the 137 rule (办理中 is a fifth of two years of messages), not all of it.
    expect(overdueLeads / openLeads).toBeGreaterThan(0.5);
    expect(openLeads - overdueLeads).toBeGreaterThan(10);
  });

  it('puts every message in a region of the tree, with its province, city and county ancestors (down to the board’s region when the location is private)', () => {
    for (const m of sample) {
      const region = tree.byCode.get(m.regionCode)!;
      expect(['county', 'township', 'city']).toContain(region.level);
      const board = boardById.get(m.boardId)!;
      const placed = m.locationPublic ? region : board.regionCode ? tree.byCode.get(board.regionCode)! : null;
      expect(m.provinceCode).toBe(placed ? ancestorAt(placed, 'province')!.code : null);
      expect(m.cityCode).toBe(placed ? (ancestorAt(placed, 'city')?.code ?? null) : null);
      expect(m.countyCode).toBe(placed ? (ancestorAt(placed, 'county')?.code ?? null) : null);
      // The region lies inside the region the codes describe.
      let up: typeof region | null = region;
      while (placed && up && up !== placed) up = up.parent;
      if (placed) expect(up).toBe(placed);
    }
    expect(sample.filter((m) => !m.locationPublic).length / sample.length).toBeCloseTo(0.03, 1);
    // Municipalities have no city level; townships are a minority.
    expect(sample.some((m) => m.provinceCode === '110000' && m.cityCode === null)).toBe(true);
    const townships = sample.filter((m) => tree.byCode.get(m.regionCode)!.level === 'township').length / sample.length;
    expect(townships).toBeGreaterThan(0.15);
    expect(townships).toBeLessThan(0.35);
  });

  it('weights provinces like the published volumes', () => {
    const byProvince = (code: string) => sample.filter((m) => m.provinceCode === code).length;
    expect(byProvince('410000')).toBeGreaterThan(byProvince('330000'));
    expect(byProvince('370000')).toBeGreaterThan(5 * byProvince('640000'));
    expect(byProvince('540000')).toBeLessThan(byProvince('630000') + 60);
  });

  it('writes to the leader of the own province, city or county (mostly the province), and sometimes to a ministry', () => {
    const levels = { province: 0, city: 0, county: 0, ministry: 0 };
    for (const m of sample) {
      const board = boardById.get(m.boardId)!;
      if (board.kind === 'ministry') {
        levels.ministry++;
        continue;
      }
      expect([m.provinceCode, m.cityCode, m.countyCode]).toContain(board.regionCode);
      levels[tree.byCode.get(board.regionCode!)!.level as 'province' | 'city' | 'county']++;
    }
    const n = sample.length;
    expect(levels.province / n).toBeGreaterThan(0.55);
    expect(levels.province / n).toBeLessThan(0.68);
    expect(levels.city / n).toBeGreaterThan(0.2);
    expect(levels.city / n).toBeLessThan(0.32);
    expect(levels.county / n).toBeGreaterThan(0.06);
    expect(levels.ministry / n).toBeGreaterThan(0.015);
    expect(levels.ministry / n).toBeLessThan(0.05);
  });

  it('answers each message on its own topic: the final reply names its title, and a topical sentence shares a run of the title', () => {
    let topical = 0;
    let answered = 0;
    for (const m of sample) {
      const final = m.events.find((e) => e.kind === 'reply' && e.data.final === true);
      if (!final || m.type === 'thanks') continue;
      answered++;
      expect(final.body).toContain(`关于「${m.title}」，`);
      const said = final.body!.slice(final.body!.indexOf(`「${m.title}」，`) + m.title.length + 3);
      // A sentence of FIELD_ACTIONS (recognised by its text, slots filled) speaks of the title's topic.
      const used = FIELD_SENTENCES.find((a) => a.pattern.test(said))?.text;
      if (used) {
        topical++;
        const title: Template = { type: m.type, title: m.title, body: '' };
        expect(titleRuns(title).some((run) => used.includes(run)), `${m.title} → ${used}`).toBe(true);
      }
    }
    expect(answered).toBeGreaterThan(5000);
    expect(topical).toBeGreaterThan(0);
  });

  it('closes 说明办结 with an explanation that names the message, and counts one reply per reply event', () => {
    const explained = sample.filter((m) => m.closeReason === 'explained');
    expect(explained.length).toBeGreaterThan(100);
    for (const m of explained) {
      const closed = m.events.find((e) => e.kind === 'closed')!;
      expect(closed.data).toEqual({ by: 'coordinator' });
      expect(closed.body).toContain(`「${m.title}」`);
    }
    for (const m of sample) expect(m.replies.length).toBe(m.events.filter((e) => e.kind === 'reply' && e.visibility === 'public').length);
  });

  it('writes titles of 4–50 and bodies of 60–400 characters, with personal data in about 2% of bodies', () => {
    for (const m of sample) {
      expect(m.title.length).toBeGreaterThanOrEqual(TITLE_MIN);
      expect(m.title.length).toBeLessThanOrEqual(TITLE_MAX);
      expect(m.body.length).toBeGreaterThanOrEqual(60);
      expect(m.body.length).toBeLessThanOrEqual(Math.min(400, BODY_MAX));
      expect(m.body).not.toMatch(/\{\w+\}/);
      for (const e of m.events) if (e.body) expect(e.body).not.toMatch(/\{\w+\}/);
    }
    const withPersonal = sample.filter((m) => findPersonalData(m.body).length > 0).length / sample.length;
    expect(withPersonal).toBeGreaterThan(0.012);
    expect(withPersonal).toBeLessThan(0.03);
    expect(new Set(sample.map((m) => m.fieldCode)).size).toBe(14);
    expect(new Set(sample.map((m) => m.type)).size).toBe(5);
  });

  it('has templates of every type in every field', () => {
    for (const field of FIELD_CODES) {
      const templates = FIELD_TEMPLATES[field];
      expect(templates.length, field).toBeGreaterThanOrEqual(20);
      expect(new Set(templates.map((t) => t.type)).size, field).toBe(5);
    }
  });

  it('shortens region names the way people write them', () => {
    expect(['南昌市', '玉树藏族自治州', '黔西南布依族苗族自治州', '巴音郭楞蒙古自治州', '新疆维吾尔自治区', '大兴安岭地区', '北京市', '沙市'].map(shortName)).toEqual([
      '南昌',
      '玉树',
      '黔西南',
      '巴音郭楞',
      '新疆',
      '大兴安岭',
      '北京',
      '沙市',
    ]);
  });

  it('makes nicknames the registration rules accept', () => {
    const cities = tree.cities().map((c) => c.name);
    for (let k = 0; k < 3000; k++) {
      const nick = nicknameFor(new Rng('nick', k), cities);
      expect(nick.length).toBeGreaterThan(0);
      expect(nick.length).toBeLessThanOrEqual(20);
      expect(nick).not.toMatch(/\d{7,}/);
      expect(findPersonalData(nick)).toEqual([]);
    }
  });

  it('makes ID numbers with a valid check digit', () => {
    const rng = new Rng('id', 0);
    for (let i = 0; i < 200; i++) {
      const id = fakeIdNumber(rng, '360102');
      expect(id).toMatch(/^360102(19[5-9]\d|200\d)\d{4}\d{3}[\dX]$/);
      expect(findPersonalData(id)).toEqual(['id_card']);
    }
  });

  it('builds search documents from memoised pieces with the lexemes of the whole-text call', () => {
    const docs = new SearchDocuments();
    let shared = 0;
    let all = 0;
    for (const m of sample.slice(0, 300)) {
      const direct = toSearchDocument({ title: m.title, body: m.body, replies: m.replies });
      const pieces = docs.fromPieces(m.searchPieces.title, m.searchPieces.body);
      for (const [a, b] of [
        [direct.title, pieces.title],
        [direct.body, pieces.body],
      ] as const) {
        const x = new Set(a.split(' ').filter(Boolean));
        const y = new Set(b.split(' ').filter(Boolean));
        all += new Set([...x, ...y]).size;
        shared += [...x].filter((t) => y.has(t)).length;
      }
    }
    expect(shared / all).toBeGreaterThan(0.99);
    expect(docs.hits).toBeGreaterThan(docs.misses);
  });
});
