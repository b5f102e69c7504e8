import {
  parseIncidentText,
  parseMaintenanceText,
} from '../../../src/slack/listeners/commands/oa/incident-text';
import { parseOaText } from '../../../src/slack/listeners/commands/oa/oa-text';

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const incident = (text: string) => parseIncidentText(words(text));
const maintenance = (text: string) => parseMaintenanceText(words(text));

describe('/oa incident text', () => {
  it.each([
    ['start sev1 Slack is down', 'sev1'],
    ['start SEV-2 Cards late', 'sev2'],
    ['start critical Database lost', 'sev1'],
    ['開始 緊急 資料庫無法連線', 'sev1'],
    ['start 重大 卡片延遲', 'sev2'],
    ['start minor Typo on Home', 'sev3'],
    ['start ３ Full-width digit', 'sev3'],
  ])('reads the severity of %s', (text, severity) => {
    expect(incident(text)).toMatchObject({ action: 'start', severity, drill: false });
  });

  it('names a severity it does not know, and asks for a summary', () => {
    expect(incident('start sev9 Down')).toEqual({ action: 'bad_severity', value: 'sev9' });
    expect(incident('start sev1')).toEqual({ action: 'usage' });
    expect(incident('drill sev2 Tabletop')).toMatchObject({
      action: 'start',
      drill: true,
      summary: 'Tabletop',
    });
    expect(incident('演練 一般 桌上演練')).toMatchObject({ action: 'start', drill: true, severity: 'sev3' });
  });

  it('reads ids as 12, #12 or INC-12', () => {
    expect(incident('update 12 Still down')).toEqual({ action: 'update', id: 12, text: 'Still down' });
    expect(incident('update #12 x')).toMatchObject({ id: 12 });
    expect(incident('resolve INC-12 Fixed')).toEqual({ action: 'resolve', id: 12, summary: 'Fixed' });
    expect(incident('update abc x')).toEqual({ action: 'usage' });
    expect(incident('resolve 12')).toEqual({ action: 'usage' });
  });

  it('reads a broadcast: channels as Slack escapes them, then the text; --live for a drill', () => {
    expect(incident('broadcast 3 <#C0NEWS0001|news> <#C0OFFICE01> Stop using the platform')).toEqual({
      action: 'broadcast',
      id: 3,
      channels: ['C0NEWS0001', 'C0OFFICE01'],
      text: 'Stop using the platform',
      live: false,
    });
    expect(incident('broadcast 3 --live C0NEWS0001 Drill text')).toMatchObject({
      live: true,
      channels: ['C0NEWS0001'],
    });
    expect(incident('broadcast 3 Text without channels')).toEqual({ action: 'usage' });
    expect(incident('broadcast 3 <#C0NEWS0001|news>')).toEqual({ action: 'usage' });
  });

  it('keeps the line breaks of a summary and of a broadcast', () => {
    expect(parseOaText('incident start sev2 Cards late\nsince 09:00')).toMatchObject({
      incident: { summary: 'Cards late\nsince 09:00' },
    });
    expect(parseOaText('incident broadcast 4 <#C0NEWS0001|news>  Line one\n\nLine two')).toMatchObject({
      incident: { channels: ['C0NEWS0001'], text: 'Line one\n\nLine two' },
    });
    expect(parseOaText('maintenance on 2h Upgrade\nback soon')).toMatchObject({
      maintenance: { reason: 'Upgrade\nback soon' },
    });
  });

  it('lists with no words or list', () => {
    expect(incident('')).toEqual({ action: 'list' });
    expect(incident('list')).toEqual({ action: 'list' });
    expect(incident('nonsense')).toEqual({ action: 'usage' });
  });
});

describe('/oa maintenance text', () => {
  it('reads until as a clock time, a date and time, or a duration', () => {
    expect(maintenance('on 18:00 Upgrade')).toEqual({
      action: 'on',
      until: { kind: 'clock', minute: 18 * 60 },
      reason: 'Upgrade',
    });
    expect(maintenance('on 2026-12-06 18:30 Database upgrade')).toEqual({
      action: 'on',
      until: { kind: 'datetime', date: '2026-12-06', minute: 18 * 60 + 30 },
      reason: 'Database upgrade',
    });
    expect(maintenance('on 2h x')).toMatchObject({ until: { kind: 'duration', seconds: 7200 } });
    expect(maintenance('on 1h30m x')).toMatchObject({ until: { kind: 'duration', seconds: 5400 } });
    expect(maintenance('開始 30分鐘 升級')).toMatchObject({ until: { kind: 'duration', seconds: 1800 } });
    expect(maintenance('on 18：00 全形冒號')).toMatchObject({ until: { kind: 'clock', minute: 1080 } });
  });

  it('names what is wrong', () => {
    expect(maintenance('on 25:00 x')).toEqual({ action: 'bad_until', value: '25:00' });
    expect(maintenance('on 2026-12-06 x')).toEqual({ action: 'bad_until', value: '2026-12-06 x' });
    expect(maintenance('on 0h x')).toEqual({ action: 'bad_until', value: '0h' });
    expect(maintenance('on 2h')).toEqual({ action: 'no_reason' });
    expect(maintenance('on')).toEqual({ action: 'usage' });
    expect(maintenance('off now')).toEqual({ action: 'usage' });
    expect(maintenance('off')).toEqual({ action: 'off' });
    expect(maintenance('')).toEqual({ action: 'status' });
  });

  it('leaves `log` to the maintenance log, never reading it as on/off', () => {
    expect(maintenance('log')).toBeNull();
    expect(parseOaText('maintenance log 2026-11')).toEqual({
      kind: 'maintenance_log',
      period: '2026-11',
    });
  });
});
