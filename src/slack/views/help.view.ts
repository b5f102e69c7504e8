import type { KnownBlock } from '@slack/types';
import type { Translate } from '../i18n';
import { BLOCK_IDS } from '../ids';
import { context, header, section } from './blocks';

export interface HelpProps {
  t: Translate;
  isAdmin: boolean;
  isGuest: boolean;
  isRegistered?: boolean;
  unknownSubcommand?: string;
}

export function commandLines({ t, isAdmin, isGuest, isRegistered = true }: HelpProps): string[] {
  const lines = [t('help.everyone'), t('help.cmd.help'), t('help.cmd.whoami'), t('help.cmd.language')];
  if (!isRegistered) lines.push(t('help.cmd.register'));
  if (!isGuest) lines.push(t('help.cmd.requests'), t('help.cmd.away'));
  lines.push(t('help.cmd.status'), t('help.cmd.search'));
  if (isAdmin) {
    lines.push(
      '',
      t('help.admin'),
      t('help.cmd.role'),
      t('help.cmd.move'),
      t('help.cmd.head'),
      t('help.cmd.suspend'),
      t('help.cmd.reactivate'),
      t('help.cmd.export'),
      t('help.cmd.cancel'),
    );
  }
  if (isGuest) lines.push('', t('help.guest'));
  return lines;
}

export function helpMessage(props: HelpProps): { text: string; blocks: KnownBlock[] } {
  const { t, unknownSubcommand } = props;
  const blocks: KnownBlock[] = [];
  if (unknownSubcommand !== undefined) {
    blocks.push(section(t('help.unknown', { subcommand: unknownSubcommand.slice(0, 40) })));
  }
  blocks.push(
    header(t('help.title')),
    section(t('help.intro')),
    section(commandLines(props).join('\n'), BLOCK_IDS.helpCommands),
  );
  const text =
    unknownSubcommand !== undefined ? t('help.unknown', { subcommand: unknownSubcommand }) : t('help.title');
  return { text, blocks: [...blocks, context(t('home.footer'))] };
}
