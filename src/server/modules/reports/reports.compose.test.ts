import { describe, expect, it } from 'vitest';
import { sampleFigures, sampleInput, sampleReport } from './report-sample.js';
import { boardLists, composeReport } from './reports.compose.js';

describe('composeReport', () => {
  it('opens a national half-year report the way the platform’s reports open', () => {
    const report = sampleReport('half_year');
    expect(report.title).toBe('2026年上半年全国网上群众工作数据报告');
    expect(report.headline).toBe(
      '2026年上半年，全国网民通过民声平台留言33.1万件，同比增长53%；各地各级干部共回复网民诉求27.1万件，同比增长68%，回复率81.9%；办结23万件，办结率69.6%；整体网民满意度90%。',
    );
    expect(report.paragraphs).toContain('从留言层级看，中央部委留言1.7万件，占5%；省级留言18.2万件，占55%；市级留言9.9万件，占30%；县级留言3.3万件，占10%。');
    expect(report.paragraphs.find((p) => p.includes('总热度'))).toBe(
      '根据各地网民满意度、互动活跃度、办理力度三方面的情况进行综合分析，四川省、河南省、安徽省、陕西省、北京市、湖北省、山西省、甘肃省、山东省、广东省网上群众工作总热度位列全国前10名。',
    );
    expect(report.paragraphs).toContain('青海省有网民留言但尚无回复。');
  });

  it('writes a weekly digest with the week-on-week change, its cases and the overdue units', () => {
    const report = sampleReport('weekly');
    expect(report.title).toBe('江西省民声周报（2026年第47周）');
    expect(report.headline).toBe('本周（11月16日—11月22日），江西省网民留言126件，环比增长12.5%；回复98件，环比增长8.9%，回复率77.8%；办结83件；网民满意度89.8%。');
    expect(report.paragraphs.at(-1)).toBe('截至报告生成时，3个单位有超期未办结留言，其中南昌市住房和城乡建设局最多（5件）。');
    expect(report.rankings).toBeNull();
    expect(report.notableCases).toHaveLength(2);
  });

  it('names the regions left out of the ranking for too few messages, and keeps them apart in the content', () => {
    const report = sampleReport('half_year');
    expect(report.rankings!.items.map((r) => r.region.name)).not.toContain('西藏自治区');
    expect(report.rankings!.insufficient!.map((r) => [r.region.name, r.received])).toEqual([['西藏自治区', 4], ['台湾省', 3]]);
    expect(report.paragraphs).toContain('西藏自治区、台湾省留言不足30件，样本不足，未参与排名。');
    expect(report.thresholds).toEqual({ minReceived: 30, growthMinBase: 30 });
  });

  it('writes no growth against a tiny baseline and says when there was nothing before', () => {
    const base = sampleReport('weekly');
    const tiny = composeReport({ ...sampleInput('weekly'), previous: sampleFigures(1, 0) });
    expect(tiny.growth).toEqual({ received: null, replied: null });
    expect(tiny.growthReasons).toEqual({ received: 'small_base', replied: 'new' });
    expect(tiny.headline).toBe('本周（11月16日—11月22日），江西省网民留言126件；回复98件，上周无回复，回复率77.8%；办结83件；网民满意度89.8%。');
    expect(base.headline).toContain('环比增长12.5%');
  });

  it('ranks leader boards by reply rate: the best five, then the lowest of the rest', () => {
    const board = (name: string, received: number, replied: number) => ({
      board: { id: 0, name, title: name, kind: 'leader' as const, regionCode: '360000' },
      figures: sampleFigures(received, replied),
    });
    const lists = boardLists({
      region: { code: '360000', name: '江西省', level: 'province' },
      from: '2026-01-01',
      to: '2026-06-30',
      items: [board('甲', 10, 10), board('乙', 10, 9), board('丙', 10, 1), board('丁', 0, 0), board('戊', 10, 5), board('己', 10, 8), board('庚', 10, 7), board('辛', 10, 2)],
    });
    expect(lists.top.map((b) => b.name)).toEqual(['甲', '乙', '己', '庚', '戊']);
    expect(lists.bottom.map((b) => b.name)).toEqual(['丙', '辛']);
  });
});
