/**
 * The terms a message's title is about, for hot topics: jieba's TF-IDF
 * keywords of the (Simplified) title, nouns and verbs only, without place names
 * (every title names its place; a place is a region, not a topic) and without
 * the words every message uses to ask (问题, 反映, 解决 …).
 */
import { TfIdf } from '@node-rs/jieba';
// The package has no exports map, so plain Node needs the file name.
import { idf } from '@node-rs/jieba/dict.js';
import { segmenter } from '../search/segment.js';
import { foldText } from '../search/text-fold.js';

/** How many terms one title contributes: enough for a topic, few enough to keep the rollup small. */
export const TERMS_PER_MESSAGE = 3;

const ALLOWED_POS = ['n', 'nz', 'vn', 'v', 'an', 'nt', 'l', 'i'];

// Words of asking, not topics (folded, Simplified).
const TOPIC_STOP_WORDS = new Set([
  '问题', '反映', '解决', '建议', '咨询', '投诉', '求助', '感谢', '希望', '要求', '请求', '关于', '情况', '有关', '相关', '部门',
  '领导', '书记', '市长', '省长', '县长', '区长', '政府', '请', '帮助', '处理', '落实', '是否', '什么', '怎么', '为何', '如何',
  '能否', '可以', '一直', '没有', '不能', '存在', '进行', '已经', '导致', '造成', '时候', '多次', '尽快', '何时', '恳请', '出现',
  '给予', '严重', '答复', '回复', '留言', '网友', '群众', '百姓', '居民', '市民', '村民',
  '申请', '办理', '流程', '增设', '增加', '开通', '标准', '条件', '规定', '需要', '无法', '不予', '长期', '迟迟',
]);

let tfidf: TfIdf | null = null;

function idfTable(): TfIdf {
  tfidf ??= TfIdf.withDict(idf);
  return tfidf;
}

/**
 * Loads the IDF table (and jieba's dictionary) now: loading blocks the event loop
 * for a few hundred milliseconds, which in the first statistics fold stalled every
 * request of the process (the burst benchmark, docs/benchmarks.md).
 */
export function warmUpTopicTerms(): void {
  idfTable();
  segmenter();
}

export function topicTermsOf(title: string): string[] {
  const keywords = idfTable().extractKeywords(segmenter(), foldText(title), TERMS_PER_MESSAGE + 4, ALLOWED_POS);
  const terms: string[] = [];
  for (const { keyword } of keywords) {
    if (keyword.length < 2 || TOPIC_STOP_WORDS.has(keyword) || /^[\p{N}\p{P}\s]+$/u.test(keyword)) continue;
    if (!terms.includes(keyword)) terms.push(keyword);
    if (terms.length === TERMS_PER_MESSAGE) break;
  }
  return terms;
}
