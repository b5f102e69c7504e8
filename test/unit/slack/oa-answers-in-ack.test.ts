import { answersInAck } from '../../../src/slack/listeners/commands/oa';
import { parseOaText } from '../../../src/slack/listeners/commands/oa/oa-text';

/** Which `/oa` answers go in the acknowledgement: text or a display read, never a change, modal or file. */

const inAck = (text: string) => answersInAck(parseOaText(text));

describe('answersInAck', () => {
  it.each([
    '',
    'help',
    'whoami',
    'me',
    'frobnicate',
    `help ${'x'.repeat(600)}`,
    'role',
    'role <@U01EVAN00> boss',
    'language klingon',
    'away 2031-13-45 <@U01BOB000>',
    'away 2031-01-06',
  ])('answers "%s" in the acknowledgement', (text) => {
    expect(inAck(text)).toBe(true);
  });

  it.each([
    'role <@U01EVAN00> leader',
    'move <@U01EVAN00> finance',
    'head finance <@U01EVAN00>',
    'suspend <@U01EVAN00>',
    'reactivate <@U01EVAN00>',
    'language en',
    'register',
    'export 2031-01-01 2031-01-31',
    'cancel LV-2031-1 wrong dates',
    'status LV-2031-1',
    'search leave',
    'away',
    'away off',
    'away 2031-01-06 2031-01-10 <@U01BOB000>',
  ])('acknowledges "%s" first and answers afterwards', (text) => {
    expect(inAck(text)).toBe(false);
  });
});
