import { registerPrompt } from '../../../../src/slack/views/register-prompt.view';
import { buttonsOf, EN, messageProblems, textOf, ZH } from '../../../support/views';

describe('registerPrompt', () => {
  it('says what it is given and offers Register, in either language', () => {
    const en = registerPrompt(EN.t, 'You are not in the directory yet.');
    expect(textOf(en)).toContain('You are not in the directory yet.');
    expect(buttonsOf(en)).toEqual([
      { actionId: 'org_register', value: undefined, label: 'Register', style: 'primary' },
    ]);
    expect(buttonsOf(registerPrompt(ZH.t, '…'))[0]!.label).toBe('登記');
  });

  it('cuts an over-long text to a section Slack accepts', () => {
    const blocks = registerPrompt(EN.t, 'x'.repeat(5000));
    expect(messageProblems({ blocks })).toEqual([]);
    expect(textOf(blocks[0])).toHaveLength(3000);
  });
});
