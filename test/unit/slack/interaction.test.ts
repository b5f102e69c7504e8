import type { WebClient } from '@slack/web-api';
import type { PersonRecord } from '../../../src/db/repositories/org.repository';
import { createLogger } from '../../../src/logger';
import type { SlackDeps } from '../../../src/slack/deps';
import { interactionOf } from '../../../src/slack/interaction';
import { UserContextResolver } from '../../../src/slack/user-context';

/** One directory read per interaction: language, time zone and standing from the same row. */

// The directory read every interaction starts with, answered by the test.
const findPersonMock = jest.fn<Promise<PersonRecord | null>, [string]>();

const person = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  id: 1,
  slackUserId: 'U1',
  email: null,
  name: 'Carol',
  departmentId: null,
  position: null,
  contact: null,
  roles: ['user'],
  status: 'active',
  locale: 'zh-TW',
  timezone: 'Asia/Taipei',
  ...overrides,
});

function deps(): SlackDeps {
  const logger = createLogger('silent');
  const client = {
    users: {
      info: jest.fn().mockResolvedValue({ ok: true, user: { locale: 'en-US', tz: 'Europe/London' } }),
    },
  } as unknown as WebClient;
  return {
    logger,
    users: new UserContextResolver(client, { locale: 'en', timezone: 'Asia/Taipei' }, logger),
    refreshHome: async () => undefined,
    // Not used by what is tested here.
    workflows: {} as SlackDeps['workflows'],
    announcements: {} as SlackDeps['announcements'],
    reports: {} as SlackDeps['reports'],
    files: {} as SlackDeps['files'],
    incidents: {} as SlackDeps['incidents'],
    maintenance: {} as SlackDeps['maintenance'],
    spotChecks: {} as SlackDeps['spotChecks'],
    scorecards: {} as SlackDeps['scorecards'],
    auditReader: {} as SlackDeps['auditReader'],
    org: { findPerson: findPersonMock } as unknown as SlackDeps['org'],
    outbox: { kick: () => undefined, deliverVia: async () => false },
  };
}

beforeEach(() => findPersonMock.mockReset());

describe('interactionOf', () => {
  it('reads the person once for both the context and the standing', async () => {
    findPersonMock.mockResolvedValue(person({ status: 'suspended' }));
    const actor = await interactionOf(deps(), 'U1');
    expect(actor.ctx.locale).toBe('zh-TW');
    expect(actor.standing()).toMatchObject({ kind: 'suspended', person: { name: 'Carol' } });
    expect(findPersonMock).toHaveBeenCalledTimes(1);
  });

  it('an unknown person is unregistered, in their Slack language', async () => {
    findPersonMock.mockResolvedValue(null);
    const actor = await interactionOf(deps(), 'U2');
    expect(actor.ctx).toMatchObject({ locale: 'en', timezone: 'Europe/London' });
    expect(actor.standing()).toEqual({ kind: 'unregistered' });
  });

  it('a failed read still gives a context, but the standing reports the failure', async () => {
    const outage = new Error('connection terminated');
    findPersonMock.mockRejectedValue(outage);
    const actor = await interactionOf(deps(), 'U3');
    expect(actor.ctx.locale).toBe('en');
    expect(() => actor.standing()).toThrow(outage);
  });
});
