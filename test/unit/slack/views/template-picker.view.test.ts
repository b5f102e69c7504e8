import { templatePicker } from '../../../../src/slack/views/workflows/template-picker.view';
import { simpleTemplate as template } from '../../../support/view-fixtures';
import { EN, modalProblems, ZH } from '../../../support/views';

describe('templatePicker', () => {
  it('offers every template by key, titled in the reader’s language', () => {
    const templates = [template('leave', 'Leave', '請假'), template('project', 'Project budget', '專案預算')];
    const options = (view: ReturnType<typeof templatePicker>) =>
      JSON.parse(JSON.stringify(view.blocks[0])).element.options.map(
        (o: { value: string; text: { text: string } }) => [o.value, o.text.text],
      );
    const en = templatePicker(EN, templates);
    expect(en.callback_id).toBe('wf_template_picker');
    expect(options(en)).toEqual([
      ['leave', 'Leave'],
      ['project', 'Project budget'],
    ]);
    expect(options(templatePicker(ZH, templates))).toEqual([
      ['leave', '請假'],
      ['project', '專案預算'],
    ]);
  });

  it('stays within Slack’s 100 options and 75-character option text', () => {
    const many = Array.from({ length: 120 }, (_, i) => template(`t${i}`, `T${i} ${'x'.repeat(100)}`, '表'));
    const view = templatePicker(EN, many);
    expect(modalProblems(view)).toEqual([]);
    const { options } = JSON.parse(JSON.stringify(view.blocks[0])).element;
    expect(options).toHaveLength(100);
    expect(options[0].text.text).toHaveLength(75);
  });
});
