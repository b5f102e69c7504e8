import {
  COMPOSER_BLOCKS,
  COMPOSER_CALLBACK,
  composerMetadataSchema,
  composerView,
} from '../../../../src/slack/views/announcements/composer.view';
import { officeMove } from '../../../support/view-fixtures';
import { EN, modalProblems, textOf, ZH } from '../../../support/views';

const departments = [{ key: 'general-office', name: { en: 'General Office', zh: '綜合辦公室' } }];
const blockIds = (view: ReturnType<typeof composerView>) =>
  view.blocks.map((b) => b.block_id).filter(Boolean);
const blockOf = (view: ReturnType<typeof composerView>, id: string) =>
  JSON.parse(JSON.stringify(view.blocks.find((b) => b.block_id === id)));

describe('composerView', () => {
  it('asks for a new item’s content, targets and times, in either language', () => {
    const en = composerView({ ...EN, departments });
    expect(en.callback_id).toBe(COMPOSER_CALLBACK);
    expect([en.title.text, en.submit?.text]).toEqual(['New announcement', 'Submit for review']);
    expect(blockIds(en)).toEqual(Object.values(COMPOSER_BLOCKS));
    expect(textOf(en.blocks)).toContain('Departments (restricted audience)\nGeneral Office');
    expect(composerMetadataSchema.parse(JSON.parse(en.private_metadata!))).toMatchObject({ mode: 'new' });
    const zh = composerView({ ...ZH, departments });
    expect([zh.title.text, zh.submit?.text]).toEqual(['新增公告', '送出審核']);
    expect(textOf(zh.blocks)).toContain('部門（限定對象）\n綜合辦公室');
    expect(modalProblems(zh)).toEqual([]);
  });

  it('gives each new composer its own idempotency key', () => {
    const key = () => JSON.parse(composerView({ ...EN, departments }).private_metadata!).key;
    expect(key()).not.toBe(key());
  });

  it('pre-fills an edit, and shows a published item’s targets read-only', () => {
    const { content } = officeMove({}, { importance: 'important' });
    const edit = { announcementId: 7, content, fixedTargets: true, reference: 'ANN-2026-0007' };
    const view = composerView({ ...EN, departments, edit });
    expect(JSON.parse(view.private_metadata!)).toEqual({
      mode: 'edit',
      announcementId: 7,
      fixedTargets: true,
    });
    expect(blockOf(view, COMPOSER_BLOCKS.title).element.initial_value).toBe('Office move');
    expect(blockOf(view, COMPOSER_BLOCKS.importance).element.initial_option.value).toBe('important');
    expect(blockOf(view, COMPOSER_BLOCKS.options).element.initial_options[0].value).toBe('require_ack');
    expect(blockIds(view)).not.toContain(COMPOSER_BLOCKS.channels);
    expect(blockIds(view)).not.toContain(COMPOSER_BLOCKS.audience);
    expect(textOf(view.blocks)).toContain('<#C0GENERAL>');
  });

  it('stays within Slack’s option limits with many departments', () => {
    const many = Array.from({ length: 130 }, (_, i) => ({
      key: `d${i}`,
      name: { en: `D${i}`, zh: `部${i}` },
    }));
    const view = composerView({ ...EN, departments: many });
    expect(modalProblems(view)).toEqual([]);
    expect(blockOf(view, COMPOSER_BLOCKS.departments).element.options).toHaveLength(100);
  });
});
