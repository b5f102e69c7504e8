/**
 * What the web page's routes need from the emulator: its public, programmatic API and nothing
 * more, so the page can only do what a test could do, and goes through the same deliveries.
 */
import type {
  ChangeEvent,
  EphemeralMessage,
  SandboxChannel,
  SandboxFile,
  SandboxUser,
  SlackMessage,
  SlackView,
} from '../types';
import type { UserSession } from '../user-session';

export interface UiHost {
  on(event: 'change', listener: (event: ChangeEvent) => void): unknown;
  off(event: 'change', listener: (event: ChangeEvent) => void): unknown;
  readonly teamId: string;
  readonly teamName: string;
  readonly botUserId: string;
  user(id: string): SandboxUser | undefined;
  users(): SandboxUser[];
  channel(ref: string): SandboxChannel | undefined;
  channels(): SandboxChannel[];
  messages(channelRef: string): SlackMessage[];
  dmChannelOf(userId: string): string;
  ephemerals(userId: string): EphemeralMessage[];
  home(userId: string): SlackView | undefined;
  openViews(userId: string): SlackView[];
  viewErrors(userId: string): Record<string, string>;
  file(id: string): SandboxFile | undefined;
  as(userId: string): UserSession;
}
