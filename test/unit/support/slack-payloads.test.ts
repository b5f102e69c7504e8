import type { SandboxChannel, SandboxUser } from '@gongwu/slack-emulator';
import {
  type AppIdentity,
  commandBody as emulatorCommandBody,
  interactionBase,
} from '@gongwu/slack-emulator';
import {
  buttonClick,
  commandBody,
  SANDBOX,
  slashCommand,
  viewSubmission,
} from '../../support/slack-payloads';

/** The hand-built payloads carry what the emulator (and Slack) send, so the app cannot tell them apart. */

const identity: AppIdentity = {
  ...SANDBOX,
  teamName: 'Sandbox',
  botUserId: 'U0BOT',
  botName: 'bot',
  verificationToken: 'legacy',
};
const user = { id: 'U0ALICE', teamId: SANDBOX.teamId, name: 'u0alice' } as SandboxUser;
const dm = { id: 'D0ALICE', name: 'D0ALICE', isIm: true } as SandboxChannel;

const fieldsOf = (form: string) => [...new URLSearchParams(form).keys()].sort();

describe('slack payload factories', () => {
  it('build a slash command with the fields and values the emulator sends', () => {
    const fields = { command: '/oa', text: 'help', responseUrl: 'http://127.0.0.1/r', triggerId: '9.9.9' };
    const emulator = emulatorCommandBody(identity, { ...fields, user, channel: dm });
    const ours = commandBody(slashCommand({ ...fields, user: user.id, channel: dm.id }));
    expect(fieldsOf(ours)).toEqual(fieldsOf(emulator));
    expect(Object.fromEntries(new URLSearchParams(ours))).toEqual(
      Object.fromEntries(new URLSearchParams(emulator)),
    );
  });

  it('build clicks and submissions with every field interactions share', () => {
    // Bolt types `enterprise` as an object or absent; Slack sends null outside Enterprise Grid.
    const shared = Object.keys(interactionBase(identity, user, 'block_actions')).filter(
      (k) => k !== 'enterprise',
    );
    const click = buttonClick({ user: user.id, channel: dm.id, actionId: 'wf_approve', value: '7' });
    const submission = viewSubmission({
      user: user.id,
      callbackId: 'wf_request_form',
      privateMetadata: '{}',
    });
    expect(Object.keys(click)).toEqual(expect.arrayContaining(shared));
    expect(Object.keys(submission)).toEqual(expect.arrayContaining(shared));
    expect(click.user).toEqual(interactionBase(identity, user, 'block_actions').user);
    expect(click.team).toEqual(interactionBase(identity, user, 'block_actions').team);
  });
});
