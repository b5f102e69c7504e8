/**
 * Everything one person sees, as JSON for the page: who they are, the people they can pick in
 * selects, their conversations with history, their ephemeral messages, their Home tab and their
 * modal stack with its field errors. Slack's own shapes throughout, so the page renders exactly
 * what the app sent.
 */
import type { EphemeralMessage, SandboxChannel, SandboxUser, SlackMessage, SlackView } from '../types';
import type { UiHost } from './host';

/** A long local session must not make every refresh heavier: older history is left out. */
export const HISTORY_LIMIT = 200;

export interface UiPerson {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  title: string;
  locale: string;
  tz: string;
  isBot: boolean;
  isAdmin: boolean;
  deleted: boolean;
}

export type ConversationKind = 'channel' | 'private' | 'im' | 'mpim';

export interface UiConversation {
  id: string;
  name: string;
  kind: ConversationKind;
  isGeneral: boolean;
  isArchived: boolean;
  /** For the app's DM: the person; for channels, who is in them (for conversation selects). */
  imUser: string | undefined;
  members: string[];
  /** Present for conversations the person belongs to; newest last. */
  messages?: SlackMessage[];
  /** Messages older than these were left out. */
  truncated?: boolean;
}

export interface UiSnapshot {
  team: { id: string; name: string };
  me: UiPerson;
  botUserId: string;
  dmChannel: string;
  people: UiPerson[];
  conversations: UiConversation[];
  ephemerals: EphemeralMessage[];
  home: SlackView | null;
  modals: SlackView[];
  /** Field errors shown in the top modal, by block_id. */
  modalErrors: Record<string, string>;
}

export function person(user: SandboxUser): UiPerson {
  const { id, name, realName, displayName, title, locale, tz, isBot, isAdmin, deleted } = user;
  return { id, name, realName, displayName, title, locale, tz, isBot, isAdmin, deleted };
}

function kindOf(channel: SandboxChannel): ConversationKind {
  if (channel.isIm) return 'im';
  if (channel.isMpim) return 'mpim';
  return channel.isPrivate ? 'private' : 'channel';
}

/** What a person may see of a conversation: public ones always, others only as a member. */
export function canSee(channel: SandboxChannel, userId: string): boolean {
  return channel.members.includes(userId) || (!channel.isPrivate && !channel.isIm && !channel.isMpim);
}

export function buildSnapshot(host: UiHost, userId: string): UiSnapshot | undefined {
  const user = host.user(userId);
  if (!user || user.isBot) return undefined;
  // Slack shows the app's Messages tab from the start; the emulator creates the DM on first use.
  const dmChannel = host.dmChannelOf(userId);
  const conversations = host
    .channels()
    .filter((c) => canSee(c, userId))
    .map((channel): UiConversation => {
      const entry: UiConversation = {
        id: channel.id,
        name: channel.name,
        kind: kindOf(channel),
        isGeneral: channel.isGeneral,
        isArchived: channel.isArchived,
        imUser: channel.imUser,
        members: channel.members,
      };
      if (channel.members.includes(userId)) {
        const history = host.messages(channel.id);
        entry.messages = history.slice(-HISTORY_LIMIT);
        if (history.length > HISTORY_LIMIT) entry.truncated = true;
      }
      return entry;
    });
  return {
    team: { id: host.teamId, name: host.teamName },
    me: person(user),
    botUserId: host.botUserId,
    dmChannel,
    people: host.users().map(person),
    conversations,
    ephemerals: host.ephemerals(userId),
    home: host.home(userId) ?? null,
    modals: host.openViews(userId),
    modalErrors: host.viewErrors(userId),
  };
}
