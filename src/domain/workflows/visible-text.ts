/**
 * Characters that show nothing on screen: white space, zero-width and direction marks, the byte
 * order mark, and the blank "letters" (Hangul fillers, the Braille blank) that pass as text.
 * String.prototype.trim() removes only the first group, so "\u200B\u200B" passed as a reason.
 * Tag characters (part of flag emoji) are deliberately absent: trimming them would break a flag.
 */
const INVISIBLE =
  '\\s\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u2800\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0';
const EDGES = new RegExp(`^[${INVISIBLE}]+|[${INVISIBLE}]+$`, 'gu');

/**
 * The text without invisible characters at either end: '' when nothing visible is left. The one
 * check for "says something" used by reasons, comments and form text fields. Inner characters are
 * kept (a zero-width joiner inside an emoji sequence is part of it).
 */
export function trimInvisible(text: string): string {
  return text.replace(EDGES, '');
}
