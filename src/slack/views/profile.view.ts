import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../config';
import type { DepartmentSummary, PersonProfile } from '../../domain/org/directory.service';
import type { Translate } from '../i18n';
import { escapeMrkdwn, fields, header, section } from './blocks';

export interface ProfileProps {
  t: Translate;
  locale: Locale;
  timezone: string;
  profile: PersonProfile;
}

export const departmentName = (department: DepartmentSummary, locale: Locale): string =>
  locale === 'zh-TW' && department.nameZh ? department.nameZh : department.name;

export function profileFields({ t, locale, timezone, profile }: ProfileProps): string[] {
  const none = t('common.none');
  const value = (text: string | null) => (text ? escapeMrkdwn(text) : none);
  return [
    t('whoami.name', { value: value(profile.name) }),
    t('whoami.department', {
      value: profile.department ? escapeMrkdwn(departmentName(profile.department, locale)) : none,
    }),
    t('whoami.position', { value: value(profile.position) }),
    t('whoami.contact', { value: value(profile.contact) }),
    t('whoami.roles', { value: profile.roles.map((role) => t(`role.${role}`)).join(', ') || none }),
    t('whoami.status', { value: t(`status.${profile.status}`) }),
    t('whoami.locale', { locale: t(`language.${locale}`), timezone }),
  ];
}

export function whoamiMessage(props: ProfileProps): { text: string; blocks: KnownBlock[] } {
  const { t, profile, locale } = props;
  const blocks: KnownBlock[] = [header(t('whoami.title')), fields(profileFields(props))];
  if (profile.headOf.length > 0) {
    const names = profile.headOf
      .map((department) => escapeMrkdwn(departmentName(department, locale)))
      .join(', ');
    blocks.push(section(t('whoami.headOf', { departments: names })));
  }
  return { text: `${t('whoami.title')}: ${escapeMrkdwn(profile.name)}`, blocks };
}
