import { CATEGORIES, type Category } from '../../domain/announcements/types';
import { translate } from '../i18n';

/**
 * The category a person typed after `/announce list`: its key (`policy`) or its name in either
 * language (`Policy / regulation`, `政策法規`), whatever their own language — a list shows the
 * names, so the names must be accepted back. Case, spaces and separators do not matter.
 */
const normalize = (text: string) => text.toLowerCase().replace(/[\s_\-/／・·]+/g, '');

export function categoryFromText(text: string): Category | undefined {
  const wanted = normalize(text);
  if (wanted === '') return undefined;
  return CATEGORIES.find((category) =>
    [
      category,
      translate('en', `ann.category.${category}`),
      translate('zh-TW', `ann.category.${category}`),
    ].some((name) => normalize(name) === wanted),
  );
}
