/**
 * What the page needs from the app's manifest: its name, its slash commands with their usage
 * hints, its message shortcuts, and its App Home settings. Read at request time, so editing the manifest shows up on the
 * next page load, as reinstalling an app does in Slack.
 */
import { readFile } from 'node:fs/promises';
import { asObjects, asString, isObject, tryParseJson } from '../json';

export interface ManifestCommand {
  command: string;
  description: string;
  usageHint: string;
  /** Slack then sends `@person` / `#channel` as `<@U…|name>` / `<#C…|name>`. */
  shouldEscape: boolean;
}

/** A message shortcut ("More actions" on a message), as `features.shortcuts` with `type: message` declares it. */
export interface ManifestShortcut {
  name: string;
  callbackId: string;
  description: string;
}

export interface AppManifestInfo {
  /** Whether a manifest was read: without one every `/command` is sent, with no hints. */
  known: boolean;
  name: string | undefined;
  botName: string | undefined;
  color: string | undefined;
  commands: ManifestCommand[];
  /** The app's message shortcuts, offered in each message's "More actions" menu. */
  messageShortcuts: ManifestShortcut[];
  homeTab: boolean;
  messagesTab: boolean;
  /** People cannot write in the app's Messages tab (slash commands still work there). */
  messagesReadOnly: boolean;
}

const UNKNOWN: AppManifestInfo = {
  known: false,
  name: undefined,
  botName: undefined,
  color: undefined,
  commands: [],
  messageShortcuts: [],
  homeTab: true,
  messagesTab: true,
  messagesReadOnly: false,
};

export function parseManifest(text: string): AppManifestInfo {
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isObject(parsed.value)) return UNKNOWN;
  const manifest = parsed.value;
  const display = isObject(manifest.display_information) ? manifest.display_information : {};
  const features = isObject(manifest.features) ? manifest.features : {};
  const home = isObject(features.app_home) ? features.app_home : {};
  const bot = isObject(features.bot_user) ? features.bot_user : {};
  const color = asString(display.background_color);
  return {
    known: true,
    name: asString(display.name),
    botName: asString(bot.display_name),
    // Only a plain hex colour ever reaches the page's CSS.
    color: color && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : undefined,
    commands: asObjects(features.slash_commands).flatMap((c) => {
      const command = asString(c.command);
      if (!command?.startsWith('/')) return [];
      return [
        {
          command,
          description: asString(c.description) ?? '',
          usageHint: asString(c.usage_hint) ?? '',
          shouldEscape: c.should_escape === true,
        },
      ];
    }),
    messageShortcuts: asObjects(features.shortcuts).flatMap((s) => {
      const name = asString(s.name);
      const callbackId = asString(s.callback_id);
      if (s.type !== 'message' || !name || !callbackId) return [];
      return [{ name, callbackId, description: asString(s.description) ?? '' }];
    }),
    homeTab: home.home_tab_enabled !== false,
    messagesTab: home.messages_tab_enabled !== false,
    messagesReadOnly: home.messages_tab_read_only_enabled === true,
  };
}

export async function readManifest(path: string | undefined): Promise<AppManifestInfo> {
  if (!path) return UNKNOWN;
  try {
    return parseManifest(await readFile(path, 'utf8'));
  } catch {
    return UNKNOWN;
  }
}
