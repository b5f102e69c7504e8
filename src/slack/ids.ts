/** Every action_id, callback_id and block_id the app uses, in one place. */
export const SLASH_COMMANDS = ['/oa'] as const;
export type SlashCommand = (typeof SLASH_COMMANDS)[number];

export const BLOCK_IDS = {
  helpCommands: 'help_commands',
  homeProfile: 'home_profile',
} as const;
