import { buttonId, decodeSlackText, parseJson, reasonPurposeSchema } from '../../../src/slack/payloads';

describe('Slack payload parsing', () => {
  it('gives back what was typed from Slack-escaped text, leaving mentions alone', () => {
    expect(decodeSlackText('A &amp; B &lt;3 &gt; <@U01BOB000|bob>')).toBe('A & B <3 > <@U01BOB000|bob>');
    expect(decodeSlackText('&amp;lt;')).toBe('&lt;');
  });

  it('accepts only positive integer ids from button values', () => {
    expect(buttonId({ value: '42' })).toBe(42);
    for (const value of ['0', '-1', '1.5', 'abc', '99999999999', undefined])
      expect(buttonId({ value })).toBeUndefined();
  });

  it('refuses id spellings that Number() would read as another id (issue 13 item 22)', () => {
    for (const value of ['1.0', '0x1', '1e0', ' 1', '1 ', '+1', '01', '0b1', '0o1', '2147483648'])
      expect(buttonId({ value })).toBeUndefined();
    expect(buttonId({ value: '2147483647' })).toBe(2_147_483_647);
    expect(parseJson(reasonPurposeSchema, '{"kind":"reject","taskId":"1.0"}')).toBeUndefined();
    expect(parseJson(reasonPurposeSchema, '{"kind":"reject","taskId":1.5}')).toBeUndefined();
  });

  it('reads modal metadata strictly and refuses anything else', () => {
    expect(parseJson(reasonPurposeSchema, '{"kind":"reject","taskId":7}')).toEqual({
      kind: 'reject',
      taskId: 7,
    });
    // "Approve with comment…" (issue 13 item 26) names a task; any other kind is refused.
    expect(parseJson(reasonPurposeSchema, '{"kind":"approve","taskId":7}')).toEqual({
      kind: 'approve',
      taskId: 7,
    });
    expect(parseJson(reasonPurposeSchema, '{"kind":"approve","instanceId":7}')).toBeUndefined();
    expect(parseJson(reasonPurposeSchema, '{"kind":"cancel","taskId":7}')).toBeUndefined();
    expect(parseJson(reasonPurposeSchema, 'not json')).toBeUndefined();
  });
});
