/**
 * `rich_text` blocks: what Slack's clients attach to what people type, and what apps may send.
 * Their text is raw (no entities, no mrkdwn), so it goes into text nodes exactly as it is.
 */
import { formatSlackDate } from './dates.mjs';
import { asArray, h, placeholder, safeUrl } from './dom.mjs';
import { emojiFor } from './emoji.mjs';

function styled(node, style) {
  let out = node;
  if (style?.code) out = h('code', {}, out);
  if (style?.strike) out = h('del', {}, out);
  if (style?.italic) out = h('em', {}, out);
  if (style?.bold) out = h('strong', {}, out);
  return out;
}

function emoji(element) {
  if (typeof element.unicode === 'string' && /^[0-9a-f]+(-[0-9a-f]+)*$/i.test(element.unicode)) {
    return String.fromCodePoint(...element.unicode.split('-').map((cp) => Number.parseInt(cp, 16)));
  }
  return emojiFor(element.name) ?? `:${element.name}:`;
}

function inlineElement(element, ctx) {
  switch (element?.type) {
    case 'text':
      return styled(document.createTextNode(String(element.text ?? '')), element.style);
    case 'link': {
      const href = safeUrl(element.url);
      const label = element.text || element.url || '';
      return styled(
        href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : h('span', {}, label),
        element.style,
      );
    }
    case 'user':
      return h(
        'span',
        { class: 'mention mention-user', title: element.user_id },
        `@${ctx.userName(element.user_id) ?? element.user_id}`,
      );
    case 'usergroup':
      return h('span', { class: 'mention mention-group' }, `@${element.usergroup_id}`);
    case 'channel':
      return h(
        'span',
        { class: 'mention mention-channel' },
        `#${ctx.channelName(element.channel_id) ?? element.channel_id}`,
      );
    case 'broadcast':
      return h('span', { class: 'mention mention-broadcast' }, `@${element.range}`);
    case 'emoji':
      return emoji(element);
    case 'date':
      return h(
        'time',
        { class: 'date' },
        formatSlackDate(element.timestamp, String(element.format ?? ''), ctx) ?? element.fallback ?? '',
      );
    case 'color':
      return h('code', {}, String(element.value ?? ''));
    default:
      return placeholder(`rich text ${element?.type ?? 'element'}`);
  }
}

const section = (element, ctx) => asArray(element.elements).map((e) => inlineElement(e, ctx));

function richElement(element, ctx) {
  switch (element?.type) {
    case 'rich_text_section':
      return h('div', { class: 'rt-section' }, section(element, ctx));
    case 'rich_text_list': {
      const tag = element.style === 'ordered' ? 'ol' : 'ul';
      const list = h(
        tag,
        { class: `rt-list rt-indent-${Number(element.indent) || 0}` },
        asArray(element.elements).map((item) => h('li', {}, section(item, ctx))),
      );
      if (tag === 'ol' && element.offset) list.start = Number(element.offset) + 1;
      return list;
    }
    case 'rich_text_quote':
      return h('blockquote', {}, section(element, ctx));
    case 'rich_text_preformatted':
      return h('pre', {}, section(element, ctx));
    default:
      return placeholder(`rich text ${element?.type ?? 'element'}`);
  }
}

export function renderRichText(block, ctx) {
  return h(
    'div',
    { class: 'rich-text' },
    asArray(block.elements).map((e) => richElement(e, ctx)),
  );
}
