import type { IncidentEvent, IncidentRecord } from '../../../../src/domain/incidents/model';
import { translator } from '../../../../src/slack/i18n';
import {
  broadcastMessage,
  incidentNotice,
  incidentReportMessage,
} from '../../../../src/slack/views/incidents/incident.view';

const reader = { t: translator('en'), locale: 'en' as const, timezone: 'Asia/Taipei' };
const incident = (overrides: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: 7,
  severity: 'sev1',
  summary: 'Database <unreachable> & slow',
  drill: false,
  status: 'resolved',
  startedBy: 'U01ALICE0',
  startedAt: new Date('2026-12-06T01:00:00Z'),
  resolvedBy: 'U01ALICE0',
  resolvedAt: new Date('2026-12-06T02:35:00Z'),
  resolution: 'Failed over',
  ...overrides,
});
const event = (id: number, overrides: Partial<IncidentEvent> = {}): IncidentEvent => ({
  id,
  incidentId: 7,
  at: new Date('2026-12-06T01:10:00Z'),
  kind: 'update',
  actor: 'U01ALICE0',
  text: `Step ${id} ${'x'.repeat(250)}`,
  channels: null,
  ...overrides,
});

describe('incident views', () => {
  it('escapes what people typed and says DRILL at the start of a drill’s notice', () => {
    const notice = incidentNotice(
      reader,
      incident({ drill: true }),
      event(1, { kind: 'started', text: '<!channel> down' }),
    );
    expect(notice.text.startsWith('🧪 DRILL · 🚨 Incident INC-7 (SEV1 critical)')).toBe(true);
    expect(notice.text).toContain('&lt;!channel&gt; down');
    expect(
      incidentNotice(reader, incident(), event(2, { kind: 'resolved', at: new Date('2026-12-06T02:35:00Z') }))
        .text,
    ).toContain('after 1 h 35 min');
  });

  it('marks a broadcast as an emergency broadcast that skipped review', () => {
    const message = broadcastMessage(
      reader,
      incident(),
      event(3, { kind: 'broadcast', channels: ['C1NEWS'] }),
      false,
    );
    expect(JSON.stringify(message.blocks)).toContain('EMERGENCY BROADCAST');
    expect(JSON.stringify(message.blocks)).toContain('without the usual review');
    const preview = broadcastMessage(
      reader,
      incident({ drill: true }),
      event(3, { kind: 'broadcast', channels: ['C1NEWS'] }),
      true,
    );
    expect(JSON.stringify(preview.blocks)).toContain('DRILL preview: this is what <#C1NEWS> would receive');
  });

  it('keeps a long report inside Block Kit’s limits, with every broadcast’s outcome', () => {
    const events = Array.from({ length: 120 }, (_, i) => event(i + 1));
    const message = incidentReportMessage(reader, {
      incident: incident(),
      events,
      broadcasts: [
        { eventId: 1, channel: 'C1NEWS', status: 'sent', error: null },
        { eventId: 1, channel: 'C2OFFICE', status: 'failed', error: 'not_in_channel' },
      ],
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? '';
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('*Duration* 1 h 35 min');
    expect(all).toContain('… and 80 more lines');
    expect(all).toContain('<#C2OFFICE>: FAILED (not_in_channel)');
    expect(all).toContain('Database &lt;unreachable&gt; &amp; slow');
  });
});
