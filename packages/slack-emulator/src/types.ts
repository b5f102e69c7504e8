/**
 * Shapes the emulator keeps and hands out. Messages and views use Slack's own snake_case shapes,
 * so what tests and the browser UI read is exactly what the app sends and receives; the
 * emulator's own records (users, channels) use camelCase.
 */
import type { JsonObject } from './json';

/** A Block Kit block as stored: Slack's JSON, with `block_id` always filled in. */
export type Block = JsonObject & { type: string; block_id?: string };

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

export interface SandboxUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  displayName: string;
  /** Slack's profile title ("what I do"): free text shown under a person's name. */
  title: string;
  email: string | undefined;
  tz: string;
  locale: string;
  isBot: boolean;
  isAdmin: boolean;
  deleted: boolean;
  /** Set for the app's bot user only. */
  botId: string | undefined;
}

export interface SandboxChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isMpim: boolean;
  isArchived: boolean;
  isGeneral: boolean;
  /** The other party of a DM. */
  imUser: string | undefined;
  members: string[];
  /** Unix seconds. */
  created: number;
  creator: string;
  topic: string;
  purpose: string;
}

export interface SlackMessage {
  type: 'message';
  ts: string;
  user: string;
  text: string;
  team: string;
  subtype?: string;
  bot_id?: string;
  app_id?: string;
  blocks?: Block[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  reply_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
  client_msg_id?: string;
  /** Files shared with the message (files.completeUploadExternal), as Slack's file objects. */
  files?: JsonObject[];
  /** Set on the message that shares newly uploaded files. */
  upload?: boolean;
  display_as_bot?: boolean;
}

/** How a file reached the workspace. */
export type FileSource = 'web_api' | 'file_input';

/** One place a file was shared: the message that carries it. */
export interface FileShare {
  channel: string;
  ts: string;
  threadTs?: string;
}

/** A file stored in the workspace, with its bytes (`emu.file(id)`, `emu.files()`). */
export interface SandboxFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  /** Slack's file type: `text`, `pdf`, `png`, `jpg`, `csv`, `binary`… */
  filetype: string;
  /** Bytes. */
  size: number;
  content: Buffer;
  /** `content` decoded as UTF-8, for text files. */
  text: string;
  /** Who uploaded it: the app's bot user (Web API) or the person (a modal's file_input). */
  user: string;
  /** Unix seconds. */
  created: number;
  altText: string | undefined;
  snippetType: string | undefined;
  source: FileSource;
  /** Conversations it was shared to, in order. */
  channels: string[];
  shares: FileShare[];
}

export type EphemeralSource = 'chat.postEphemeral' | 'command_response' | 'response_url' | 'slack';

/** An ephemeral message: visible to one user in one channel, never stored in history. */
export interface EphemeralMessage {
  /** The `message_ts` Slack hands back; also what block_actions report as `container.message_ts`. */
  ts: string;
  channel: string;
  /** The recipient. */
  user: string;
  /** Who it appears to come from: the bot user, or `USLACKBOT` for Slack's own notices. */
  from: string;
  text: string;
  blocks?: Block[];
  thread_ts?: string;
  source: EphemeralSource;
}

export type ViewType = 'modal' | 'home';

/** A view as Slack returns it from views.* methods and sends it in payloads. */
export interface SlackView {
  id: string;
  team_id: string;
  type: ViewType;
  blocks: Block[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: StateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  title?: TextObject;
  submit?: TextObject | null;
  close?: TextObject | null;
  submit_disabled?: boolean;
}

/** One element's entry in `state.values`: `{type, value | selected_* …}` as Slack sends it. */
export type StateValue = JsonObject & { type: string };
export type StateValues = Record<string, Record<string, StateValue>>;

export type ChangeEvent =
  | { type: 'user'; action: 'added' | 'updated'; user: SandboxUser }
  | { type: 'channel'; action: 'added' | 'updated'; channel: SandboxChannel }
  | { type: 'message'; action: 'posted' | 'updated' | 'deleted'; channel: string; message: SlackMessage }
  | {
      type: 'ephemeral';
      action: 'posted' | 'updated' | 'deleted';
      user: string;
      channel: string;
      ephemeral: EphemeralMessage;
    }
  | {
      type: 'view';
      action: 'opened' | 'pushed' | 'updated' | 'closed' | 'errors';
      user: string;
      view: SlackView;
      errors?: Record<string, string>;
    }
  | { type: 'home'; action: 'published'; user: string; view: SlackView }
  | { type: 'file'; action: 'added' | 'shared'; file: SandboxFile };

export type ChangeListener = (event: ChangeEvent) => void;
