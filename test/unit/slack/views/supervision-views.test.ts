import type { DepartmentRecord } from '../../../../src/domain/org/model';
import type { SpotItem } from '../../../../src/domain/supervision/finding-types';
import {
  DEFAULT_SCORECARD,
  type Ratios,
  rankScorecard,
  SCORECARD_INDICATORS,
} from '../../../../src/domain/supervision/scorecard';
import { translator } from '../../../../src/slack/i18n';
import { scorecardMessage } from '../../../../src/slack/views/supervision/scorecard.view';
import { problemModal, spotItemMessage } from '../../../../src/slack/views/supervision/spot-check.view';

const t = translator('en');
const ctx = { t, locale: 'en' as const, timezone: 'Asia/Taipei' };
const departments: DepartmentRecord[] = Array.from({ length: 120 }, (_, i) => ({
  id: i + 1,
  key: `dept-${i + 1}`,
  name: `Department ${i + 1}`,
  nameZh: null,
  parentId: null,
  headPersonId: null,
}));
const item: SpotItem = {
  type: 'request',
  id: 7,
  reference: 'LV-2026-0007',
  title: '<script>leave</script>',
  status: 'approved',
  departmentId: 3,
  finishedAt: new Date('2026-11-02T05:00:00Z'),
  ownerName: 'Evan <@U1>',
  facts: Array.from({ length: 14 }, (_, i) => [`fact ${i}`, `value ${i}`] as [string, string]),
};

describe('spot-check views', () => {
  it('carries the item and the check in both buttons, escapes people’s text, keeps to 10 fields', () => {
    const message = spotItemMessage(ctx, item, { seed: 77, index: 1, count: 3 }, departments);
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('"action_id":"spot_conforms"');
    expect(json).toContain('"action_id":"spot_problem"');
    expect(json).toContain(JSON.stringify(JSON.stringify({ type: 'request', id: 7, seed: 77 })).slice(1, -1));
    expect(json).not.toContain('<script>');
    expect(json).not.toContain('<@U1>');
    const fields = message.blocks?.find(
      (block) => block.type === 'section' && 'fields' in block && block.fields,
    );
    expect(fields && 'fields' in fields ? fields.fields?.length : 0).toBe(10);
  });

  it('names the facts in the reader’s language', () => {
    const zh = { ...ctx, t: translator('zh-TW'), locale: 'zh-TW' as const };
    const facts: SpotItem['facts'] = [
      ['abstract', 'missing'],
      ['confidentiality', 'confidential'],
    ];
    const json = JSON.stringify(
      spotItemMessage(zh, { ...item, facts }, { seed: 1, index: 1, count: 1 }, departments),
    );
    expect(json).toContain('*摘要*\\n缺漏');
    expect(json).toContain('*機密等級*\\nconfidential');
  });

  it('offers at most 100 departments, the item’s own chosen', () => {
    const modal = problemModal(ctx, item, { type: 'request', id: 7, seed: 77 }, departments, null);
    const select = modal.blocks.find((block) => block.block_id === 'spot_department');
    const element =
      select && 'element' in select
        ? (select.element as { options: unknown[]; initial_option: { value: string } })
        : null;
    expect(element?.options).toHaveLength(100);
    expect(element?.initial_option.value).toBe('3');
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });
});

describe('scorecard view', () => {
  it('stays within 50 blocks however many departments there are', () => {
    const ratios = Object.fromEntries(
      SCORECARD_INDICATORS.map((key) => [key, { value: 0.5, outOf: 2 }]),
    ) as Ratios;
    const lines = rankScorecard(
      departments.map((department) => ({ department, name: department.key, ratios })),
      DEFAULT_SCORECARD,
      '2026-11',
    );
    const message = scorecardMessage(ctx, {
      period: {
        label: '2026-11',
        fromDate: '2026-11-01',
        toDate: '2026-12-01',
        previous: { label: '2026-10', fromDate: '2026-10-01', toDate: '2026-11-01' },
      },
      config: DEFAULT_SCORECARD,
      weights: DEFAULT_SCORECARD.weights,
      lines,
      whole: true,
    });
    expect(message.blocks?.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks)).toContain('1. *Department 1* — 50.0 ⚠️ needs improvement');
  });
});
