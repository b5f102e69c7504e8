import { MAX_COMMAND_TEXT, parseOaText } from '../../../src/slack/listeners/commands/oa/oa-text';
import { parseUserRef } from '../../../src/slack/listeners/commands/oa/user-ref';

describe('parseOaText', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['  WHOAMI ', { kind: 'whoami' }],
    ['language zh-TW', { kind: 'language', locale: 'zh-TW' }],
    ['language auto', { kind: 'language', locale: null }],
    ['role <@U0BOB1234|bob> leader,user', { kind: 'role', target: 'U0BOB1234', roles: ['leader', 'user'] }],
    ['role U0BOB1234 ADMIN', { kind: 'role', target: 'U0BOB1234', roles: ['admin'] }],
    ['move <@U0BOB1234> finance', { kind: 'move', target: 'U0BOB1234', departmentKey: 'finance' }],
    ['head finance <@U0BOB1234>', { kind: 'head', departmentKey: 'finance', target: 'U0BOB1234' }],
    ['suspend <@U0BOB1234>', { kind: 'suspend', target: 'U0BOB1234' }],
    ['reactivate <@U0BOB1234>', { kind: 'reactivate', target: 'U0BOB1234' }],
  ])('parses %j', (text, expected) => {
    expect(parseOaText(text)).toEqual(expected);
  });

  it.each([
    ['role', 'role'],
    ['role bob admin', 'role'],
    ['move <@U0BOB1234>', 'move'],
    ['move <@U0BOB1234> Finance!', 'move'],
    ['head <@U0BOB1234>', 'head'],
    ['suspend', 'suspend'],
    ['suspend <@U0BOB1234> now', 'suspend'],
    ['language', 'language'],
  ])('answers %j with the usage of %s', (text, subcommand) => {
    expect(parseOaText(text)).toEqual({ kind: 'usage', subcommand });
  });

  it('reports invalid roles and languages with the value typed', () => {
    expect(parseOaText('role <@U0BOB1234> boss')).toEqual({ kind: 'invalid_roles', value: 'boss' });
    expect(parseOaText('language fr')).toEqual({ kind: 'invalid_language', value: 'fr' });
  });

  it('keeps unknown subcommands so that help can name them', () => {
    expect(parseOaText('frobnicate now')).toEqual({ kind: 'unknown', subcommand: 'frobnicate' });
  });

  it('refuses over-long text before parsing it', () => {
    expect(parseOaText(`help ${'x'.repeat(MAX_COMMAND_TEXT)}`)).toEqual({
      kind: 'too_long',
      length: MAX_COMMAND_TEXT + 5,
    });
  });

  it('reads user mentions and bare ids, nothing else', () => {
    expect(parseUserRef('<@U0BOB1234|bob>')).toBe('U0BOB1234');
    expect(parseUserRef('W0BOB1234')).toBe('W0BOB1234');
    expect(parseUserRef('<#C123|general>')).toBeUndefined();
    expect(parseUserRef('@bob')).toBeUndefined();
  });
});

describe('search by a person (issue 13 item 16)', () => {
  it.each([
    ['search by:@fiona.smith', { personHandle: 'fiona.smith' }],
    ['search by: @fiona.smith', { personHandle: 'fiona.smith' }],
    ['search by:fiona.smith', { personHandle: 'fiona.smith' }],
    ['search by:<@U01FIONA0|fiona.smith>', { person: 'U01FIONA0' }],
    ['search by: <@U01FIONA0>', { person: 'U01FIONA0' }],
    ['search by:U01FIONA0 status:approved', { person: 'U01FIONA0', status: 'approved' }],
  ])('%s', (text, filters) => {
    expect(parseOaText(text)).toEqual({ kind: 'search', filters });
  });

  it('still refuses a person that is neither a mention nor a handle', () => {
    expect(parseOaText('search by:<#C123>')).toEqual({ kind: 'usage', subcommand: 'search' });
  });
});

describe('/oa maintenance log', () => {
  it('is its own subcommand, with the period as typed', () => {
    expect(parseOaText('maintenance log')).toEqual({ kind: 'maintenance_log' });
    expect(parseOaText('Maintenance LOG 2026-Q4')).toEqual({ kind: 'maintenance_log', period: '2026-Q4' });
    expect(parseOaText('maintenance log last 30')).toEqual({ kind: 'maintenance_log', period: 'last 30' });
  });
});

describe('/oa report with detail and xlsx (issue 16)', () => {
  it.each([
    ['report', { kind: 'report' }],
    ['report 2026-11', { kind: 'report', period: '2026-11' }],
    ['report finance', { kind: 'report', departmentKey: 'finance' }],
    ['report 2026-Q4 finance', { kind: 'report', period: '2026-Q4', departmentKey: 'finance' }],
    ['report detail SLA', { kind: 'report', detail: 'sla' }],
    [
      'report 2026-11 finance detail overdue-now',
      {
        kind: 'report',
        period: '2026-11',
        departmentKey: 'finance',
        detail: 'overdue-now',
      },
    ],
    ['report last-30-days xlsx', { kind: 'report', period: 'last-30-days', xlsx: true }],
    ['report finance xlsx', { kind: 'report', departmentKey: 'finance', xlsx: true }],
  ])('%s', (text, command) => {
    expect(parseOaText(text)).toEqual(command);
  });

  it.each([
    'report detail',
    'report detail sla extra',
    'report xlsx more',
    'report finance hr',
    'report 2026-11 finance hr',
  ])('shows the usage for %s', (text) => {
    expect(parseOaText(text)).toEqual({ kind: 'usage', subcommand: 'report' });
  });
});
