import type { KnownBlock } from '@slack/types';
import type { Translate } from '../i18n';
import { BLOCK_IDS } from '../ids';
import { context, header, section } from './blocks';

export interface HelpProps {
  t: Translate;
  isAdmin: boolean;
  isGuest: boolean;
  /** The supervision group (監督小組): its own commands when not an admin already. */
  isSupervisor?: boolean;
  isRegistered?: boolean;
  unknownSubcommand?: string;
}

export function commandLines({
  t,
  isAdmin,
  isGuest,
  isSupervisor = false,
  isRegistered = true,
}: HelpProps): string[] {
  const lines = [
    t('help.everyone'),
    t('help.cmd.help'),
    t('help.cmd.whoami'),
    t('help.cmd.language'),
    t('help.cmd.lock'),
  ];
  if (!isRegistered) lines.push(t('help.cmd.register'));
  // Requests and away need a directory entry: an unregistered person is shown how to get one.
  if (!isGuest && isRegistered) lines.push(t('help.cmd.requests'), t('help.cmd.away'));
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
      t('help.cmd.drill'),
      t('help.cmd.incident'),
      t('help.cmd.maintenance'),
      t('help.cmd.maintlog'),
      t('help.cmd.report'),
      t('help.cmd.spotcheck'),
      t('help.cmd.scorecard'),
      t('help.cmd.audit'),
      t('help.cmd.export'),
      t('help.cmd.cancel'),
    );
  }
  if (isSupervisor && !isAdmin)
    lines.push(
      '',
      t('help.supervisor'),
      t('help.cmd.report'),
      t('help.cmd.spotcheck'),
      t('help.cmd.scorecard'),
      t('help.cmd.audit'),
    );
  if (isGuest) lines.push('', t('help.guest'));
  return lines;
}

export interface HelpMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * `/oa help` is the most frequent answer and the same for everyone of one language and standing:
 * each variant is built once per translator and handed out frozen (nobody may change a shared one).
 */
const builtHelp = new WeakMap<Translate, Map<string, HelpMessage>>();

export function helpMessage(props: HelpProps): HelpMessage {
  if (props.unknownSubcommand !== undefined) return buildHelpMessage(props);
  const variant = `${props.isAdmin}/${props.isGuest}/${props.isRegistered ?? true}/${props.isSupervisor ?? false}`;
  let variants = builtHelp.get(props.t);
  if (!variants) {
    variants = new Map();
    builtHelp.set(props.t, variants);
  }
  let message = variants.get(variant);
  if (!message) {
    message = deepFreeze(buildHelpMessage(props));
    variants.set(variant, message);
  }
  return message;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function buildHelpMessage(props: HelpProps): HelpMessage {
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
