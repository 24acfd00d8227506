/**
 * The labelled set for similar messages (docs/decisions/0014): matters, each a
 * new message (the query) and earlier messages on the same matter in other
 * words, one of them in Traditional script (opencc-js, cn → hk); and
 * distractors that share words with a matter but are about something else.
 * Hand-written variants, not templates: templates would share their wording.
 */
import { Converter } from 'opencc-js/cn2t';

export const toTraditional = Converter({ from: 'cn', to: 'hk' });

export interface Text {
  title: string;
  body: string;
}

export interface Matter {
  key: string;
  query: Text;
  /** Earlier messages on the same matter; the last is turned into Traditional script. */
  variants: Text[];
}

export const MATTERS: Matter[] = [
  {
    key: 'heating',
    query: { title: '建安小区冬季暖气不热', body: '入冬以来我们建安小区的暖气一直不热，屋里只有十二三度，老人孩子都冻感冒了，打热力公司电话没人管，请领导帮助解决供暖问题。' },
    variants: [
      { title: '建安小区供暖温度不达标', body: '建安小区今年供暖以后室温只有十三度左右，远低于规定的十八度，热力公司一直推脱，希望有关部门督促整改。' },
      { title: '反映建安小区暖气温度太低', body: '我家住建安小区，暖气片摸着是凉的，家里温度很低，孩子冻病了，联系供热公司多次没有结果，恳请解决。' },
      { title: '建安小区暖气片不热的问题', body: '建安小区居民反映暖气片不热，室内温度过低，老人冬天难熬，希望热力公司尽快上门检修供暖管道。' },
    ],
  },
  {
    key: 'wages',
    query: { title: '工地拖欠农民工工资', body: '我们在新城花园项目工地干了八个月，包工头一直拖欠工资，二十多个农民工的血汗钱要不回来，快过年了，请政府帮忙讨薪。' },
    variants: [
      { title: '新城花园项目欠薪求助', body: '新城花园工地的施工队拖欠我们农民工工资八个月，找劳务公司和开发商都互相推诿，请人社部门帮助追讨欠薪。' },
      { title: '恳请帮助追讨农民工工资', body: '本人在新城花园工地打工，工程结束后老板一直不发工资，二十几个工友被欠了十几万元，希望劳动监察介入。' },
      { title: '新城花园工地老板欠工资不给', body: '新城花园项目的包工头欠我们工资快一年了，一直说没钱，我们农民工生活困难，请有关部门主持公道讨回工资。' },
    ],
  },
  {
    key: 'streetlight',
    query: { title: '幸福路路灯不亮', body: '幸福路从人民公园到二中这一段的路灯已经坏了一个多月，晚上一片漆黑，行人和骑车的人很不安全，请尽快维修。' },
    variants: [
      { title: '幸福路夜间照明问题', body: '幸福路人民公园附近一段路灯全部不亮，晚上出行摸黑，已经有人摔倒，希望城管部门尽快修复路灯。' },
      { title: '关于幸福路路灯损坏的反映', body: '幸福路二中门口往北的路灯坏了很久，学生晚自习放学路上很黑，存在安全隐患，请市政部门派人维修。' },
      { title: '幸福路路灯坏了没人修', body: '幸福路人民公园到二中路段路灯不亮一个多月了，打过市政热线也没人来修，晚上走路太危险了。' },
    ],
  },
  {
    key: 'noise',
    query: { title: '夜间施工噪音扰民', body: '锦绣华庭旁边的工地每天晚上十一点以后还在施工，打桩机的噪音吵得居民无法入睡，请环保部门查处夜间违规施工。' },
    variants: [
      { title: '锦绣华庭工地半夜施工太吵', body: '锦绣华庭小区旁边工地深夜还在打桩，噪音非常大，孩子和老人都睡不着觉，希望生态环境部门管一管。' },
      { title: '投诉锦绣华庭附近工地夜间噪音', body: '锦绣华庭东侧工地经常通宵施工，机器轰鸣，严重影响休息，请有关部门依法处理夜间施工扰民问题。' },
      { title: '锦绣华庭周边施工噪音影响睡眠', body: '每天夜里锦绣华庭边上的工地都在施工，噪音扰民严重，居民多次投诉无果，请求执法部门制止。' },
    ],
  },
  {
    key: 'canteen',
    query: { title: '建议在青云社区开设老年食堂', body: '青云社区六十岁以上老人有八百多位，很多独居老人做饭困难，建议政府在社区开设幸福食堂，解决老年人吃饭难。' },
    variants: [
      { title: '青云社区老人吃饭难', body: '青云社区独居老人多，子女不在身边，每天做饭很不方便，希望在社区建一个老年助餐点，让老人吃上热饭。' },
      { title: '希望青云社区建幸福食堂', body: '我们青云社区老年人很多，附近没有助餐的地方，建议参照其他社区办幸福食堂，为老人提供便宜的午餐。' },
      { title: '青云社区需要老年助餐服务', body: '青云社区高龄老人和独居老人吃饭是大问题，恳请民政部门在社区设立老年食堂或者助餐点。' },
    ],
  },
  {
    key: 'school',
    query: { title: '孩子上学学位不足', body: '翠湖湾小区入住三千多户，配套小学一直没有建成，孩子只能到五公里外上学，请教育局解决片区学位问题。' },
    variants: [
      { title: '翠湖湾小区配套学校何时建成', body: '翠湖湾小区当初规划有配套小学，至今没有动工，适龄儿童上学要跑很远，希望教育部门给个说法。' },
      { title: '翠湖湾片区小学学位紧张', body: '翠湖湾小区孩子越来越多，周边小学学位严重不够，很多孩子被分到很远的学校，请尽快建设配套学校。' },
      { title: '反映翠湖湾小区孩子上学难', body: '翠湖湾小区没有配套小学，孩子每天要坐车去几公里外读书，家长接送非常辛苦，请求增加学位。' },
    ],
  },
  {
    key: 'road',
    query: { title: '王家村村道坑洼难行', body: '王家村通往镇上的水泥路已经破损多年，到处是坑，下雨天积水，车辆和行人通行困难，希望交通部门修缮农村公路。' },
    variants: [
      { title: '王家村道路破损严重', body: '王家村到镇上的村道路面坑坑洼洼，一下雨就积水，电动车经常摔倒，请求修复这条农村公路。' },
      { title: '请求维修王家村进村公路', body: '王家村唯一的进村路多年没有维修，路面塌陷开裂，村民出行和运输农产品都很困难，恳请交通局解决。' },
      { title: '王家村村道年久失修', body: '王家村到镇里的路坑洼不平，雨天泥泞，学生上学不方便，希望尽快把这段农村公路修好。' },
    ],
  },
  {
    key: 'parking',
    query: { title: '老旧小区停车难', body: '东风小区是八十年代的老小区，没有停车位，车辆乱停堵塞消防通道，请结合老旧小区改造规划停车位。' },
    variants: [
      { title: '东风小区停车位严重不足', body: '东风小区是老小区，没有规划停车场，私家车只能停在路边和楼道口，消防车都进不来，希望增加停车位。' },
      { title: '建议东风小区改造时增加车位', body: '东风小区即将老旧小区改造，建议利用空地建设停车位，解决居民停车难和乱停车堵塞通道的问题。' },
      { title: '东风小区乱停车堵塞消防通道', body: '东风小区停车位太少，车辆乱停乱放，消防通道经常被堵，存在很大安全隐患，请有关部门规划停车位。' },
    ],
  },
];

/** Earlier messages on other matters that share words with the matters above (小区, 供暖, 工资, 路灯, 食堂, 施工 …). */
export const DISTRACTORS: Text[] = [
  { title: '供暖费收费标准咨询', body: '请问今年的供暖费收费标准是多少，按建筑面积还是使用面积收取，缴费截止时间是什么时候。' },
  { title: '小区物业费上涨不合理', body: '建安小区物业公司突然把物业费从每平方一元涨到一元五，没有召开业主大会，请有关部门核查。' },
  { title: '公务员工资调整政策咨询', body: '请问今年事业单位和公务员的工资调整方案什么时候出台，工资标准如何确定。' },
  { title: '建议增加公交线路', body: '幸福路一带居民出行不便，建议开通一条从幸福路到火车站的公交线路，方便群众出行。' },
  { title: '学校食堂饭菜质量差', body: '孩子在学校食堂吃饭，饭菜质量差而且价格贵，希望教育部门加强对学校食堂的监管。' },
  { title: '道路施工期间交通拥堵', body: '人民路施工改造以后交通非常拥堵，早晚高峰堵车严重，建议优化施工围挡和交通疏导。' },
  { title: '社区医院看病难', body: '青云社区卫生服务中心医生太少，老人看病排队时间很长，希望增加医生和门诊时间。' },
  { title: '农村低保申请咨询', body: '王家村有几户生活困难的村民想申请低保，请问需要准备什么材料，向哪个部门申请。' },
  { title: '小区电梯经常故障', body: '东风小区的电梯经常坏，老人上下楼很困难，物业维修不及时，请有关部门督促更换电梯。' },
  { title: '农民工社保缴纳问题', body: '我在外地打工，想咨询农民工在工作地缴纳社保的政策，以后回老家能不能转移接续。' },
  { title: '建议延长图书馆开放时间', body: '市图书馆晚上六点就关门，上班族没有时间去，建议晚上开放到九点，周末也延长开放。' },
  { title: '翠湖湾小区垃圾清运不及时', body: '翠湖湾小区的垃圾桶经常满了没人清理，气味很大，夏天蚊蝇滋生，请环卫部门及时清运。' },
  { title: '公园健身器材损坏', body: '人民公园里的健身器材坏了好几件，老人锻炼很不方便，也有安全隐患，希望尽快维修更换。' },
  { title: '锦绣华庭房产证办理缓慢', body: '锦绣华庭小区交房三年了，房产证还没有办下来，开发商一直拖延，请住建部门督促办理。' },
  { title: '暖气管道漏水维修', body: '我家楼上暖气管道漏水，把我家天花板泡坏了，物业说不归他们管，请问应该找谁维修。' },
  { title: '停车收费标准过高', body: '市中心公共停车场收费太高，一小时十元，建议有关部门规范停车收费标准。' },
  // The hard ones: the same place as a matter, and some of its words, on another matter.
  { title: '建安小区供暖费能否按月缴纳', body: '建安小区很多老人退休金不高，一次交清一个冬天的供暖费有困难，建议热力公司允许按月缴纳暖气费。' },
  { title: '新城花园项目房屋漏水', body: '新城花园项目交房不到一年，多户业主家里墙面漏水，开发商一直拖着不修，请住建部门督促处理。' },
  { title: '幸福路人民公园段雨后积水', body: '幸福路人民公园到二中这一段一下雨就积水，行人和骑车的人只能绕行，请市政部门疏通排水管道。' },
  { title: '锦绣华庭小区绿化被毁', body: '锦绣华庭小区的绿地被物业改成了停车位，树木被砍，居民意见很大，请有关部门查处。' },
  { title: '青云社区老年大学报名咨询', body: '请问青云社区老年大学今年什么时候报名，六十岁以上老人可以学习哪些课程，收费多少。' },
  { title: '翠湖湾小区幼儿园收费过高', body: '翠湖湾小区配套幼儿园是民办的，每月收费四千多元，孩子入园太贵，希望教育局增加普惠性学位。' },
  { title: '王家村自来水管道破损', body: '王家村的自来水管道多年没有维修，经常破损漏水，村民用水困难，希望水务部门尽快更换管道。' },
  { title: '东风小区老旧小区改造进度缓慢', body: '东风小区列入老旧小区改造已经两年，外墙保温和管网改造至今没有完成，施工拖拖拉拉，请督促加快进度。' },
];

/** precision@k: the share of the first k answers that are relevant, averaged over queries. */
export function precisionAt(k: number, rankings: { ranked: string[]; relevant: ReadonlySet<string> }[]): number {
  const each = rankings.map((r) => r.ranked.slice(0, k).filter((id) => r.relevant.has(id)).length / k);
  return each.reduce((a, b) => a + b, 0) / each.length;
}

/** Mean reciprocal rank of the first relevant answer. */
export function meanReciprocalRank(rankings: { ranked: string[]; relevant: ReadonlySet<string> }[]): number {
  const each = rankings.map((r) => {
    const at = r.ranked.findIndex((id) => r.relevant.has(id));
    return at === -1 ? 0 : 1 / (at + 1);
  });
  return each.reduce((a, b) => a + b, 0) / each.length;
}
