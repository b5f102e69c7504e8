import type { HomeView, KnownBlock } from '@slack/types';
import type { Locale } from '../../config';
import type { PersonProfile } from '../../domain/org/directory.service';
import type { Translate } from '../i18n';
import { BLOCK_IDS } from '../ids';
import { context, divider, escapeMrkdwn, fields, header, section } from './blocks';
import { commandLines } from './help.view';
import { profileFields } from './profile.view';
import { registerPrompt } from './register-prompt.view';

export type HomeProps =
  | { kind: 'unregistered'; t: Translate }
  | { kind: 'suspended'; t: Translate; profile: PersonProfile }
  | {
      kind: 'active';
      t: Translate;
      locale: Locale;
      timezone: string;
      profile: PersonProfile;
      /** Feature sections (approvals, requests…) shown above the profile. */
      sections?: KnownBlock[];
    };

export function homeView(props: HomeProps): HomeView {
  const { t } = props;
  const blocks: KnownBlock[] = [];
  if (props.kind === 'unregistered') {
    blocks.push(
      header(t('home.greeting.unknown')),
      section(t('home.intro')),
      ...registerPrompt(t, t('home.unregistered')),
    );
  } else if (props.kind === 'suspended') {
    blocks.push(header(t('home.greeting', { name: props.profile.name })), section(t('home.suspended')));
  } else {
    const { profile } = props;
    const isAdmin = profile.roles.includes('admin');
    const isGuest = profile.roles.includes('guest');
    blocks.push(
      header(t('home.greeting', { name: profile.name })),
      section(t('home.intro')),
      ...(props.sections ?? []),
      divider(),
      section(`*${escapeMrkdwn(t('home.profile'))}*`),
      fields(profileFields(props), BLOCK_IDS.homeProfile),
      divider(),
      section(`*${escapeMrkdwn(t('home.commands'))}*`),
      section(commandLines({ t, isAdmin, isGuest }).join('\n'), BLOCK_IDS.helpCommands),
    );
  }
  blocks.push(context(t('home.footer')));
  return { type: 'home', blocks };
}
