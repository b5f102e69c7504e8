import { parseAwayText } from '../../../src/slack/listeners/commands/oa/away-text';
import { parseOaText } from '../../../src/slack/listeners/commands/oa/oa-text';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('/oa away text', () => {
  it('reads the status, off, and a period with a delegate and a note', () => {
    expect(parseOaText('away')).toEqual({ kind: 'away', away: { action: 'status' } });
    expect(parseOaText('away off')).toEqual({ kind: 'away', away: { action: 'off' } });
    expect(parseAwayText(words('2026-12-01 2026-12-05 <@U01BOB000|bob> Back on Monday'))).toEqual({
      action: 'set',
      from: '2026-12-01',
      to: '2026-12-05',
      delegate: 'U01BOB000',
      note: 'Back on Monday',
    });
  });

  it('accepts the date forms of the leave quick text, one date for one day, the delegate first', () => {
    const set = (text: string) => parseAwayText(words(text));
    expect(set('2026/12/1~2026/12/5 <@U01BOB000>')).toMatchObject({ from: '2026-12-01', to: '2026-12-05' });
    expect(set('2026年12月1日 至 2026年12月5日 <@U01BOB000>')).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-05',
    });
    expect(set('2026-12-01 to 2026-12-02 U01BOB000')).toMatchObject({
      to: '2026-12-02',
      delegate: 'U01BOB000',
    });
    expect(set('2026-12-01 <@U01BOB000>')).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-01',
      note: null,
    });
    expect(set('<@U01BOB000> 2026-12-01 2026-12-03 trip')).toMatchObject({ to: '2026-12-03', note: 'trip' });
  });

  it('names what is wrong', () => {
    expect(parseAwayText(words('2026-02-30 <@U01BOB000>'))).toEqual({
      action: 'invalid_date',
      value: '2026-02-30',
    });
    expect(parseAwayText(words('2026-12-01 2026-12-02 2026-12-03 <@U01BOB000>'))).toEqual({
      action: 'invalid_date',
      value: '2026-12-03',
    });
    expect(parseAwayText(words('2026-12-01 2026-12-02 bob'))).toEqual({ action: 'missing_delegate' });
    expect(parseAwayText(words('tomorrow <@U01BOB000>'))).toEqual({ action: 'usage' });
  });
});
