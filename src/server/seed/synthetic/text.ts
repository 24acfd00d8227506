/**
 * Fills the templates: place names from the message's region, invented
 * communities, roads, villages, companies, numbers and durations. A slot keeps
 * its value within one message, so the title, the body and the replies speak
 * of the same 小区 and the same sum.
 */
import { NICKNAME_MAX } from '../../../shared/domain.js';
import { BODY_MIN, TITLE_MAX, TITLE_MIN, type MessageType } from '../../../shared/messages.js';
import type { Rng } from './prng.js';
import {
  CHINESE_NUMERALS,
  CLOSERS,
  CLOSING_EXPLANATIONS,
  COMMUNITY_HEADS,
  COMMUNITY_TAILS,
  COMPANY_BRANDS,
  COMPANY_TRADES,
  EXTRAS,
  FIELD_ACTIONS,
  FIELD_DEPARTMENTS,
  FINAL_CLOSERS,
  FINAL_OPENERS,
  FOLLOW_UPS,
  GENERAL_ACTIONS,
  INTERIM_REPLIES,
  INTRODUCTIONS,
  NICK_ADJECTIVES,
  NICK_NOUNS,
  OPENERS,
  PERSONAL_ID,
  PERSONAL_MOBILE,
  PRIVATE_NOTES,
  RATING_COMMENTS,
  ROAD_HEADS,
  ROAD_TAILS,
  SURNAMES,
  THANKS_REPLIES,
  VILLAGE_PREFIXES,
  VILLAGE_TAILS,
  type FieldCode,
  type Template,
} from './templates.js';

/** The names a message's text may mention. */
export interface PlaceNames {
  province: string;
  /** The city, or the province for municipalities and counties directly under a province. */
  city: string;
  /** The county, or the nearest level above when the region has none. */
  county: string;
  /** A township or street of the county. */
  town: string;
  /** The 6-digit code ID numbers start with. */
  countyCode: string;
}

const DAY_MS = 86_400_000;
// Mainland time: the dates a citizen writes are Beijing dates.
const CHINA_OFFSET_MS = 8 * 3_600_000;

const MOBILE_PREFIXES = ['138', '139', '137', '135', '136', '150', '151', '152', '158', '159', '186', '187', '188', '131', '132', '155', '156', '185', '133', '153', '180', '189', '177', '199'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A mainland mobile number outside the synthetic accounts' 170 range. */
export function fakeMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}

/** An 18-digit resident ID number with a valid GB 11643 check digit. */
export function fakeIdNumber(rng: Rng, areaCode: string): string {
  const area = /^\d{6}$/.test(areaCode) ? areaCode : '110101';
  const birth = new Date(Date.UTC(1950, 0, 1) + rng.int(50 * 365) * DAY_MS);
  const date = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const body = `${area}${date}${String(rng.int(1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + ID_CHECK[sum % 11];
}

// The 55 minority nationalities' names as they appear in region names (玉树藏族自治州, 黔西南布依族苗族自治州).
const NATIONALITIES =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺';
// 自治 names drop the nationalities too (巴音郭楞蒙古自治州 has no 族); other names only their level word.
const AUTONOMOUS = new RegExp(`(?:(?:${NATIONALITIES})族?)*自治(?:区|州|县|旗)$`);
const LEVEL_WORD = /(?:特别行政区|地区|省|市|盟)$/;

/** 南昌市 → 南昌, 玉树藏族自治州 → 玉树, 广西壮族自治区 → 广西; a name that would become too short stays. */
export function shortName(name: string): string {
  const short = AUTONOMOUS.test(name) ? name.replace(AUTONOMOUS, '') : name.replace(LEVEL_WORD, '');
  return short.length >= 2 ? short : name;
}

const SPLIT_CACHE = new Map<string, readonly string[]>();

/** A template's static text and {slots}, alternating (static parts at even indexes, possibly empty). */
function splitTemplate(template: string): readonly string[] {
  let parts = SPLIT_CACHE.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    SPLIT_CACHE.set(template, parts);
  }
  return parts;
}

/**
 * One message's slot values; each is drawn on first use and then kept. The
 * pieces the text is made of (static template text, slot values) are kept
 * too: the search document is segmented piece by piece (see search-cache.ts).
 */
export class MessageText {
  private readonly cache = new Map<string, string>();
  /** Pieces of the title, and of the body with its replies, in order. */
  readonly titlePieces: string[] = [];
  readonly bodyPieces: string[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly place: PlaceNames,
    private readonly field: FieldCode,
    private readonly createdAt: number,
    private readonly leader: string,
    private readonly nickname: string,
  ) {}

  /** The template with its slots filled; the pieces go to `sink` (the body's, unless told). */
  fill(template: string, sink: string[] | null = this.bodyPieces): string {
    const parts = splitTemplate(template);
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const piece = i % 2 === 0 ? parts[i]! : this.slot(parts[i]!);
      if (piece.length === 0) continue;
      out += piece;
      sink?.push(piece);
    }
    return out;
  }

  private slot(key: string): string {
    let value = this.cache.get(key);
    if (value === undefined) {
      value = this.draw(key);
      this.cache.set(key, value);
    }
    return value;
  }

  private draw(key: string): string {
    const rng = this.rng;
    const p = this.place;
    switch (key) {
      case 'province':
        return p.province;
      case 'city':
        return p.city;
      case 'county':
        return p.county;
      case 'town':
        return p.town;
      case 'leader':
        return this.leader;
      case 'nick':
        return this.nickname;
      case 'dept':
        return p.county + rng.pick(FIELD_DEPARTMENTS[this.field]);
      case 'community':
        return rng.pick(COMMUNITY_HEADS) + rng.pick(COMMUNITY_TAILS);
      case 'road':
        return rng.pick(ROAD_HEADS) + rng.pick(ROAD_TAILS);
      case 'road2': {
        // Never the same road as {road}: a crossing of a road with itself reads wrong.
        const road = this.slot('road');
        for (;;) {
          const other = rng.pick(ROAD_HEADS) + rng.pick(ROAD_TAILS);
          if (other !== road) return other;
        }
      }
      case 'village':
        return rng.pick(VILLAGE_PREFIXES) + rng.pick(SURNAMES) + rng.pick(VILLAGE_TAILS);
      case 'school': {
        const k = rng.int(5);
        if (k === 0) return `${p.town}中心小学`;
        if (k === 1) return `${p.county}实验小学`;
        if (k === 2) return `${p.county}实验中学`;
        return `${p.county}第${rng.pick(CHINESE_NUMERALS.slice(0, 8))}${k === 3 ? '中学' : '小学'}`;
      }
      case 'hospital': {
        const k = rng.int(5);
        if (k === 0) return `${p.county}人民医院`;
        if (k === 1) return `${p.county}中医院`;
        if (k === 2) return `${p.county}妇幼保健院`;
        if (k === 3) return `${p.city}中心医院`;
        return `${p.city}第${rng.pick(CHINESE_NUMERALS.slice(0, 4))}人民医院`;
      }
      case 'company':
        return shortName(p.city) + rng.pick(COMPANY_BRANDS) + rng.pick(COMPANY_TRADES) + '有限公司';
      case 'line':
        return String(rng.range(1, 199));
      case 'n':
        return String(rng.range(2, 9));
      case 'nn':
        return String(rng.range(10, 60));
      case 'n2':
        return String(rng.range(1, 30) * 100);
      case 'households':
        return String(rng.range(3, 90) * 10);
      case 'months':
        return String(rng.range(2, 18));
      case 'years':
        return String(rng.range(2, 12));
      case 'days':
        return String(rng.range(3, 30));
      case 'money':
        // With its unit: 万元 is one word, so the slot value must carry it.
        return rng.chance(0.5) ? `${rng.range(11, 99) / 10}万元` : `${rng.range(20, 98) * 100}元`;
      case 'price':
        return String(rng.range(3, 60) * 10);
      case 'price_small':
        return String(rng.range(2, 9));
      case 'temp':
        return String(rng.range(10, 16));
      case 'age':
        return String(rng.range(62, 95));
      case 'km':
        return String(rng.range(2, 25));
      case 'month':
        return String(rng.range(1, 12));
      case 'year':
        return String(new Date(this.createdAt + CHINA_OFFSET_MS).getUTCFullYear());
      case 'date_md': {
        const d = new Date(this.createdAt + CHINA_OFFSET_MS - rng.range(1, 60) * DAY_MS);
        return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
      }
      case 'mobile':
        return fakeMobile(rng);
      case 'idno':
        return fakeIdNumber(rng, p.countyCode);
      default:
        throw new Error(`unknown template slot {${key}}`);
    }
  }

  title(template: Template): string {
    const title = this.fill(template.title, this.titlePieces);
    return title.length > TITLE_MAX ? title.slice(0, TITLE_MAX) : title.length < TITLE_MIN ? `${title}的问题` : title;
  }

  /**
   * Opener, an optional introduction, the template, now and then a second
   * matter (另外 …), extra sentences, the closer; 60–400 characters.
   */
  body(template: Template, personalData: 'mobile' | 'id' | null, second: Template | null = null): string {
    const rng = this.rng;
    const type = template.type;
    // Each part keeps its own pieces, added to the body's in text order once the part is used.
    const part = (text: string): [string, string[]] => {
      const pieces: string[] = [];
      return [this.fill(text, pieces), pieces];
    };
    const parts: [string, string[]][] = [part(rng.pick(OPENERS))];
    if (type !== 'thanks' && rng.chance(0.45)) parts.push(part(rng.pick(INTRODUCTIONS)));
    parts.push(part(template.body));
    if (second) parts.push(['另外，', ['另外，']], part(second.body));
    const closer = part(rng.pick(CLOSERS[type]));
    const pool = EXTRAS[type];
    const wanted = rng.int(4);
    let length = parts.reduce((n, [text]) => n + text.length, 0) + closer[0].length;
    const used = new Set<number>();
    let extras = 0;
    // Extras until the wanted count, and always until the body is long enough.
    while ((extras < wanted || length < 60) && used.size < pool.length) {
      const i = rng.int(pool.length);
      if (used.has(i)) continue;
      used.add(i);
      const extra = part(pool[i]!);
      if (length + extra[0].length > 380) break;
      parts.push(extra);
      extras++;
      length += extra[0].length;
    }
    if (personalData === 'mobile') parts.push(part(rng.pick(PERSONAL_MOBILE)));
    else if (personalData === 'id') parts.push(part(rng.pick(PERSONAL_ID)));
    parts.push(closer);
    if (length < 60) parts.push(part('希望有关部门能够重视这个问题，尽快给我们一个答复。'));
    let body = '';
    for (const [text, pieces] of parts) {
      body += text;
      this.bodyPieces.push(...pieces);
    }
    return body.length > 400 ? body.slice(0, 400) : body.length < BODY_MIN ? body.padEnd(BODY_MIN, '。') : body;
  }

  /** Not searchable: the note is private. */
  privateNote(): string {
    return this.fill(this.rng.pick(PRIVATE_NOTES), null);
  }

  interimReply(): string {
    return this.fill(this.rng.pick(INTERIM_REPLIES));
  }

  /**
   * The answer to this message: it names the message's title and reports what was done about
   * that topic — a sentence of FIELD_ACTIONS on the same topic (topicActions), else a general one.
   */
  finalReply(template: Template, title: string): string {
    const rng = this.rng;
    if (template.type === 'thanks') return this.fill(rng.pick(THANKS_REPLIES)) + this.fill(rng.pick(FINAL_CLOSERS));
    const opener = this.fill(rng.pick(FINAL_OPENERS));
    // The title's own pieces: the search document is made of pieces (search-cache.ts).
    this.bodyPieces.push('关于「', ...this.titlePieces, '」，');
    const topical = topicActions(this.field, template);
    const action = this.fill(rng.pick(topical.length > 0 ? topical : GENERAL_ACTIONS[actionKind(template.type)]));
    return `${opener}关于「${title}」，${action}${this.fill(rng.pick(FINAL_CLOSERS))}`;
  }

  /** 说明办结: why a case rated 不满意 is closed, naming the message's own title. Not part of the search document. */
  closingExplanation(title: string): string {
    // The title is no slot: filled around it, so the template cache does not learn every title.
    return this.rng
      .pick(CLOSING_EXPLANATIONS)
      .split('{subject}')
      .map((part) => this.fill(part, null))
      .join(title);
  }

  /** Follow-ups and rating comments are not part of the search document. */
  followUp(): string {
    return this.fill(this.rng.pick(FOLLOW_UPS), null);
  }

  ratingComment(kind: 'good' | 'fair' | 'bad'): string {
    return this.fill(this.rng.pick(RATING_COMMENTS[kind]), null);
  }
}

function actionKind(type: MessageType): 'c' | 'h' | 's' {
  return type === 'consult' ? 'c' : type === 'suggest' ? 's' : 'h';
}

// Three-character runs that say nothing of a topic, or name a place or a thing two topics share
// (自来水 浑浊 is not 自来水管道 埋设; 卫生院 缺医少药 is not 卫生院 医保窗口).
const GENERIC_RUNS = /^(?:有关部|关部门|的问题|问题的|请问今|是否可|能不能|怎么办|如何申|何申请|的建议|建议在|关于建|希望尽|恳请领|请领导|请求帮|求帮助|感谢帮|谢帮助|工作人|作人员|区改造|自来水|身份证|卫生院|农产品)$/;

/** Three-character runs of Chinese in the template's title outside its {slots}. */
export function titleRuns(template: Template): string[] {
  const runs = new Set<string>();
  for (const part of template.title.split(/\{\w+\}/)) {
    for (const chunk of part.match(/[\u4e00-\u9fff]{3,}/g) ?? []) {
      for (let i = 0; i + 3 <= chunk.length; i++) {
        const run = chunk.slice(i, i + 3);
        if (!GENERIC_RUNS.test(run)) runs.add(run);
      }
    }
  }
  return [...runs];
}

const TOPIC_ACTIONS = new Map<Template, readonly string[]>();

/** The sentences of FIELD_ACTIONS for the template's kind of answer that speak of its title's topic (share a run of its title). */
export function topicActions(field: FieldCode, template: Template): readonly string[] {
  let actions = TOPIC_ACTIONS.get(template);
  if (!actions) {
    const runs = titleRuns(template);
    actions = FIELD_ACTIONS[field][actionKind(template.type)].filter((a) => runs.some((r) => a.includes(r)));
    TOPIC_ACTIONS.set(template, actions);
  }
  return actions;
}

/** A citizen's nickname, ≤ 20 characters, from the account's own stream. */
export function nicknameFor(rng: Rng, cityNames: readonly string[]): string {
  const surname = rng.pick(SURNAMES);
  const city = cityNames.length > 0 ? shortName(rng.pick(cityNames)) : '';
  let nick: string;
  switch (rng.int(7)) {
    case 0:
      nick = `${surname}${rng.chance(0.5) ? '先生' : '女士'}`;
      break;
    case 1:
      nick = `${city}${surname}${rng.chance(0.5) ? '先生' : '女士'}`;
      break;
    case 2:
      nick = `网友${String(rng.int(1_000_000)).padStart(6, '0')}`;
      break;
    case 3:
      nick = rng.pick(NICK_ADJECTIVES) + rng.pick(NICK_NOUNS);
      break;
    case 4:
      nick = `${city}网友`;
      break;
    case 5:
      nick = `${city}老${surname}`;
      break;
    default:
      nick = `${rng.pick(NICK_ADJECTIVES)}${surname}${rng.pick(['哥', '姐', '叔', '姨', '工'])}`;
  }
  return nick.length > NICKNAME_MAX ? nick.slice(0, NICKNAME_MAX) : nick;
}
