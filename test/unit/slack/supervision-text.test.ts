import { parseOaText } from '../../../src/slack/listeners/commands/oa/oa-text';

describe('/oa spotcheck, scorecard and audit as typed', () => {
  it.each([
    ['spotcheck', { kind: 'spotcheck', type: 'request' }],
    [
      'spotcheck 7 announcement finance',
      { kind: 'spotcheck', n: 7, type: 'announcement', departmentKey: 'finance' },
    ],
    ['spotcheck files seed:42', { kind: 'spotcheck', type: 'file', seed: 42 }],
    ['spotcheck 3 finance', { kind: 'spotcheck', n: 3, type: 'request', departmentKey: 'finance' }],
    ['spotcheck 99', { kind: 'spotcheck', n: 99, type: 'request' }],
    ['spotcheck 5 memo finance', { kind: 'spotcheck_invalid', problem: 'type', value: 'memo' }],
    ['spotcheck seed:abc', { kind: 'spotcheck_invalid', problem: 'seed', value: 'seed:abc' }],
    ['scorecard', { kind: 'scorecard', recognise: false }],
    ['scorecard 2026-Q4 recognise', { kind: 'scorecard', period: '2026-Q4', recognise: true }],
    ['audit', { kind: 'audit' }],
    ['audit REQ-2026-0001', { kind: 'audit', subject: { kind: 'reference', reference: 'REQ-2026-0001' } }],
    [
      'audit <@U01EVAN00|evan> 2026-11',
      { kind: 'audit', subject: { kind: 'person', slackUserId: 'U01EVAN00' }, period: '2026-11' },
    ],
    ['audit what', { kind: 'audit_usage' }],
  ])('%s', (text, expected) => {
    expect(parseOaText(text)).toEqual(expected);
  });
});
