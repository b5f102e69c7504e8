/**
 * The workspace as Slack's servers know it: people, conversations, message history and
 * ephemeral messages. Views live in views-state.ts. Every change is announced through `emit`
 * so a live UI can follow along; everything handed out is a copy.
 */
import { MessageTsGenerator, slackId } from './ids';
import { clone } from './json';
import type { ChangeListener, EphemeralMessage, SandboxChannel, SandboxUser, SlackMessage } from './types';

export interface WorkspaceIdentity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  appId: string;
  botId: string;
  botUserId: string;
  botName: string;
}

export interface AddUserInput {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  /** Slack's profile title, e.g. `Head of Finance`. */
  title?: string;
  email?: string;
  /** IANA zone, e.g. `Asia/Taipei`. Defaults to `UTC`. */
  tz?: string;
  /** Slack locale, e.g. `zh-TW`. Defaults to `en-US`. */
  locale?: string;
  isBot?: boolean;
  isAdmin?: boolean;
  deleted?: boolean;
}

export interface AddChannelInput {
  id?: string;
  name: string;
  isPrivate?: boolean;
  /** User ids; include the bot user's id for channels the app is in. */
  members?: string[];
  topic?: string;
  purpose?: string;
  isArchived?: boolean;
}

export type MessageFields = Omit<SlackMessage, 'type' | 'ts' | 'team'>;
export type MessagePatch = Partial<Pick<SlackMessage, 'text' | 'blocks' | 'attachments' | 'metadata'>>;

/** Slack's own sender of system notices ("/cmd failed with the error …"). */
export const SLACKBOT_USER_ID = 'USLACKBOT';

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new Error(`Unknown time zone "${tz}": use an IANA name such as Asia/Taipei`);
  }
}

/**
 * What the workspace holds, as plain JSON: local mode keeps it under DATA_DIR so that messages,
 * cards and their buttons are still there after a restart, as the database is.
 */
export interface WorkspaceSnapshot {
  version: 1;
  generalChannelId: string;
  users: SandboxUser[];
  channels: SandboxChannel[];
  history: Array<[string, SlackMessage[]]>;
  ephemerals: EphemeralMessage[];
}

export class WorkspaceState {
  private generalId: string;
  private readonly users = new Map<string, SandboxUser>();
  private readonly channels = new Map<string, SandboxChannel>();
  private readonly history = new Map<string, SlackMessage[]>();
  private readonly ephemeralList: EphemeralMessage[] = [];
  private readonly tsGenerator: MessageTsGenerator;

  constructor(
    readonly identity: WorkspaceIdentity,
    private readonly clock: () => number,
    private readonly emit: ChangeListener,
  ) {
    this.tsGenerator = new MessageTsGenerator(clock);
    this.addUser({ id: identity.botUserId, name: identity.botName, isBot: true });
    // Every Slack workspace has a #general that every person joins.
    this.generalId = this.addChannel({ name: 'general' }).id;
    const general = this.channels.get(this.generalId);
    if (general) general.isGeneral = true;
  }

  get generalChannelId(): string {
    return this.generalId;
  }

  snapshot(): WorkspaceSnapshot {
    return clone({
      version: 1 as const,
      generalChannelId: this.generalId,
      users: [...this.users.values()],
      channels: [...this.channels.values()],
      history: [...this.history.entries()],
      ephemerals: this.ephemeralList,
    });
  }

  /** Replaces everything with a snapshot taken earlier (before anyone is added at start). */
  restore(snapshot: WorkspaceSnapshot): void {
    if (snapshot.version !== 1)
      throw new Error(`unknown workspace snapshot version ${String(snapshot.version)}`);
    this.users.clear();
    this.channels.clear();
    this.history.clear();
    this.ephemeralList.length = 0;
    // Files written before profile titles existed have none.
    for (const user of snapshot.users) this.users.set(user.id, { ...clone(user), title: user.title ?? '' });
    for (const channel of snapshot.channels) this.channels.set(channel.id, clone(channel));
    for (const [id, messages] of snapshot.history) this.history.set(id, clone(messages));
    this.ephemeralList.push(...clone(snapshot.ephemerals));
    this.generalId = snapshot.generalChannelId;
    // New messages sort after every restored one, whatever the clock says.
    const newest = [...this.history.values()].flat().map((m) => Number(m.ts));
    for (const ephemeral of this.ephemeralList) newest.push(Number(ephemeral.ts));
    if (newest.length > 0) this.tsGenerator.after(Math.max(...newest));
  }

  nextTs(): string {
    return this.tsGenerator.next();
  }

  // ---- people -------------------------------------------------------------------------------

  addUser(input: AddUserInput): SandboxUser {
    if (!USER_ID.test(input.id))
      throw new Error(`User id "${input.id}" must look like Slack's: U or W + A-Z0-9`);
    if (this.users.has(input.id)) throw new Error(`User ${input.id} already exists`);
    const tz = input.tz ?? 'UTC';
    assertTimeZone(tz);
    const isAppBot = input.id === this.identity.botUserId;
    const user: SandboxUser = {
      id: input.id,
      teamId: this.identity.teamId,
      name: input.name,
      realName: input.realName ?? input.name,
      displayName: input.displayName ?? '',
      title: input.title ?? '',
      email: input.email,
      tz,
      locale: input.locale ?? 'en-US',
      isBot: input.isBot ?? false,
      isAdmin: input.isAdmin ?? false,
      deleted: input.deleted ?? false,
      botId: isAppBot ? this.identity.botId : undefined,
    };
    this.users.set(user.id, user);
    this.emit({ type: 'user', action: 'added', user: clone(user) });
    if (!user.isBot && !user.deleted && this.generalChannelId)
      this.joinChannel(this.generalChannelId, user.id);
    return clone(user);
  }

  /** Changes a person's profile title, as they would in Slack's profile editor. */
  setTitle(id: string, title: string): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`No user ${id}`);
    if (user.title === title) return;
    user.title = title;
    this.emit({ type: 'user', action: 'updated', user: clone(user) });
  }

  user(id: string): SandboxUser | undefined {
    const user = this.users.get(id);
    return user && clone(user);
  }

  listUsers(): SandboxUser[] {
    return [...this.users.values()].map((u) => clone(u));
  }

  userByEmail(email: string): SandboxUser | undefined {
    const wanted = email.trim().toLowerCase();
    const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === wanted);
    return user && clone(user);
  }

  /** A person as someone would point at them: id, @handle, real name or display name. */
  resolveUser(nameOrId: string): string | undefined {
    if (this.users.has(nameOrId)) return nameOrId;
    const key = nameOrId.replace(/^@/, '');
    return [...this.users.values()].find((u) => u.name === key || u.realName === key || u.displayName === key)
      ?.id;
  }

  // ---- conversations --------------------------------------------------------------------------

  addChannel(input: AddChannelInput): SandboxChannel {
    const name = input.name.replace(/^#/, '');
    if (!CHANNEL_NAME.test(name))
      throw new Error(`Channel name "${name}" must be lower-case, without spaces`);
    if (this.channelByName(name)) throw new Error(`A channel named #${name} already exists`);
    const id = input.id ?? slackId('C');
    if (!/^[CG][A-Z0-9]{2,}$/.test(id)) throw new Error(`Channel id "${id}" must be C or G + A-Z0-9`);
    if (this.channels.has(id)) throw new Error(`Channel ${id} already exists`);
    const members = [...new Set(input.members ?? [])];
    for (const member of members) {
      if (!this.users.has(member)) throw new Error(`Cannot add unknown user ${member} to #${name}`);
    }
    const channel: SandboxChannel = {
      id,
      name,
      isPrivate: input.isPrivate ?? false,
      isIm: false,
      isMpim: false,
      isArchived: input.isArchived ?? false,
      isGeneral: false,
      imUser: undefined,
      members,
      created: Math.floor(this.clock() / 1000),
      creator: members[0] ?? this.identity.botUserId,
      topic: input.topic ?? '',
      purpose: input.purpose ?? '',
    };
    this.channels.set(id, channel);
    this.emit({ type: 'channel', action: 'added', channel: clone(channel) });
    return clone(channel);
  }

  channel(id: string): SandboxChannel | undefined {
    const channel = this.channels.get(id);
    return channel && clone(channel);
  }

  channelByName(name: string): SandboxChannel | undefined {
    const key = name.replace(/^#/, '');
    const channel = [...this.channels.values()].find((c) => !c.isIm && !c.isMpim && c.name === key);
    return channel && clone(channel);
  }

  listChannels(): SandboxChannel[] {
    return [...this.channels.values()].map((c) => clone(c));
  }

  isMember(channelId: string, userId: string): boolean {
    return this.channels.get(channelId)?.members.includes(userId) ?? false;
  }

  joinChannel(channelId: string, userId: string): SandboxChannel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`No channel ${channelId}`);
    if (!this.users.has(userId)) throw new Error(`No user ${userId}`);
    if (!channel.members.includes(userId)) {
      channel.members.push(userId);
      this.emit({ type: 'channel', action: 'updated', channel: clone(channel) });
    }
    return clone(channel);
  }

  /** The app's DM with a person. Slack's ids are opaque; `D` + the rest of the user id keeps them stable. */
  dmIdOf(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  openDm(userId: string): SandboxChannel {
    const id = this.dmIdOf(userId);
    let channel = this.channels.get(id);
    if (!channel) {
      const user = this.users.get(userId);
      if (!user) throw new Error(`No user ${userId}`);
      channel = {
        id,
        name: id,
        isPrivate: true,
        isIm: true,
        isMpim: false,
        isArchived: false,
        isGeneral: false,
        imUser: userId,
        members: [userId, this.identity.botUserId],
        created: Math.floor(this.clock() / 1000),
        creator: this.identity.botUserId,
        topic: '',
        purpose: '',
      };
      this.channels.set(id, channel);
      this.emit({ type: 'channel', action: 'added', channel: clone(channel) });
    }
    return clone(channel);
  }

  /** A group DM of these people and the app; the same set of people always gets the same id. */
  openGroupDm(userIds: readonly string[]): SandboxChannel {
    const members = [...new Set([...userIds, this.identity.botUserId])].sort();
    const existing = [...this.channels.values()].find(
      (c) => c.isMpim && c.members.length === members.length && c.members.every((m) => members.includes(m)),
    );
    if (existing) return clone(existing);
    const names = members.map((m) => this.users.get(m)?.name ?? m);
    const channel: SandboxChannel = {
      id: slackId('G'),
      name: `mpdm-${names.join('--')}-1`,
      isPrivate: true,
      isIm: false,
      isMpim: true,
      isArchived: false,
      isGeneral: false,
      imUser: undefined,
      members,
      created: Math.floor(this.clock() / 1000),
      creator: this.identity.botUserId,
      topic: '',
      purpose: '',
    };
    this.channels.set(channel.id, channel);
    this.emit({ type: 'channel', action: 'added', channel: clone(channel) });
    return clone(channel);
  }

  /**
   * A conversation as the Web API's `channel` argument names it: a channel or DM id, a user id
   * (meaning the app's DM with them), or a channel name with or without `#`.
   */
  resolveConversation(ref: string): SandboxChannel | undefined {
    const known = this.channels.get(ref);
    if (known) return clone(known);
    if (/^[UW]/.test(ref) && this.users.has(ref)) return this.openDm(ref);
    if (ref.startsWith('D')) {
      // DMs exist from the moment a person joins; ours are created on first use.
      const userId = ['U', 'W'].map((p) => p + ref.slice(1)).find((id) => this.users.has(id));
      return userId ? this.openDm(userId) : undefined;
    }
    return this.channelByName(ref);
  }

  // ---- messages -------------------------------------------------------------------------------

  /** `opts.ts`: a ts taken from `nextTs()` beforehand, for messages that must know theirs first. */
  postMessage(channelId: string, fields: MessageFields, opts: { ts?: string } = {}): SlackMessage {
    const message: SlackMessage = {
      type: 'message',
      ts: opts.ts ?? this.nextTs(),
      team: this.identity.teamId,
      ...clone(fields),
    };
    const list = this.history.get(channelId) ?? [];
    list.push(message);
    this.history.set(channelId, list);
    if (message.thread_ts && message.thread_ts !== message.ts) {
      const parent = list.find((m) => m.ts === message.thread_ts);
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        parent.latest_reply = message.ts;
        this.emit({ type: 'message', action: 'updated', channel: channelId, message: clone(parent) });
      }
    }
    this.emit({ type: 'message', action: 'posted', channel: channelId, message: clone(message) });
    return clone(message);
  }

  message(channelId: string, ts: string): SlackMessage | undefined {
    const message = this.history.get(channelId)?.find((m) => m.ts === ts);
    return message && clone(message);
  }

  /** Fields left out of the patch keep their value, as in chat.update. */
  updateMessage(channelId: string, ts: string, patch: MessagePatch): SlackMessage {
    const message = this.history.get(channelId)?.find((m) => m.ts === ts);
    if (!message) throw new Error(`No message ${ts} in ${channelId}`);
    for (const key of ['text', 'blocks', 'attachments', 'metadata'] as const) {
      if (patch[key] !== undefined) Object.assign(message, { [key]: clone(patch[key]) });
    }
    this.emit({ type: 'message', action: 'updated', channel: channelId, message: clone(message) });
    return clone(message);
  }

  deleteMessage(channelId: string, ts: string): SlackMessage {
    const list = this.history.get(channelId) ?? [];
    const index = list.findIndex((m) => m.ts === ts);
    const [removed] = index >= 0 ? list.splice(index, 1) : [];
    if (!removed) throw new Error(`No message ${ts} in ${channelId}`);
    this.emit({ type: 'message', action: 'deleted', channel: channelId, message: clone(removed) });
    return clone(removed);
  }

  /** History, oldest first, updates applied and deleted messages gone. Thread replies included. */
  messages(channelId: string): SlackMessage[] {
    return (this.history.get(channelId) ?? []).map((m) => clone(m));
  }

  channelsWithHistory(): string[] {
    return [...this.history.keys()];
  }

  // ---- ephemeral messages ---------------------------------------------------------------------

  postEphemeral(fields: Omit<EphemeralMessage, 'ts'>): EphemeralMessage {
    const ephemeral: EphemeralMessage = { ts: this.nextTs(), ...clone(fields) };
    this.ephemeralList.push(ephemeral);
    this.emit({
      type: 'ephemeral',
      action: 'posted',
      user: ephemeral.user,
      channel: ephemeral.channel,
      ephemeral: clone(ephemeral),
    });
    return clone(ephemeral);
  }

  ephemeral(userId: string, ts: string): EphemeralMessage | undefined {
    const found = this.ephemeralList.find((e) => e.user === userId && e.ts === ts);
    return found && clone(found);
  }

  replaceEphemeral(
    userId: string,
    ts: string,
    patch: Pick<EphemeralMessage, 'text' | 'blocks'>,
  ): EphemeralMessage {
    const found = this.ephemeralList.find((e) => e.user === userId && e.ts === ts);
    if (!found) throw new Error(`No ephemeral message ${ts} for ${userId}`);
    found.text = patch.text;
    if (patch.blocks === undefined) delete found.blocks;
    else found.blocks = clone(patch.blocks);
    this.emit({
      type: 'ephemeral',
      action: 'updated',
      user: userId,
      channel: found.channel,
      ephemeral: clone(found),
    });
    return clone(found);
  }

  deleteEphemeral(userId: string, ts: string): void {
    const index = this.ephemeralList.findIndex((e) => e.user === userId && e.ts === ts);
    const [removed] = index >= 0 ? this.ephemeralList.splice(index, 1) : [];
    if (removed)
      this.emit({
        type: 'ephemeral',
        action: 'deleted',
        user: userId,
        channel: removed.channel,
        ephemeral: removed,
      });
  }

  /** What one person has been shown ephemerally, oldest first. */
  ephemerals(userId: string): EphemeralMessage[] {
    return this.ephemeralList.filter((e) => e.user === userId).map((e) => clone(e));
  }
}
