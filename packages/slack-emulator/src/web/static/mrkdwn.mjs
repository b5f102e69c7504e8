/**
 * Slack's mrkdwn, rendered to DOM nodes: *bold*, _italic_, ~strike~, `code`, ```blocks```,
 * > quotes, lists, <links|labels>, <@U…> and <#C…> with names, <!date^…|fallback>, <!here>,
 * :emoji: and the &amp; &lt; &gt; entities. A `<…>` Slack would not understand is shown as a
 * visible placeholder. Every piece of text becomes a text node: markup in a message stays text.
 */
import { formatSlackDate } from './dates.mjs';
import { h, placeholder, safeUrl } from './dom.mjs';
import { replaceEmoji } from './emoji.mjs';

const ENTITIES = { amp: '&', lt: '<', gt: '>' };

export function decodeEntities(text) {
  return text.replace(/&(amp|lt|gt);/g, (_, name) => ENTITIES[name]);
}

const isSpace = (ch) => ch === undefined || /\s/.test(ch);
const isWordChar = (ch) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
const MARKS = { '*': 'strong', _: 'em', '~': 'del' };

/** `*`, `_` or `~` opens only at a word's start and closes at a word's end, on the same line. */
function closingIndex(s, open, mark) {
  if (isWordChar(s[open - 1]) || isSpace(s[open + 1]) || s[open + 1] === mark) return -1;
  for (let j = open + 2; j < s.length; j += 1) {
    if (s[j] === '\n') return -1;
    if (s[j] === mark && !isSpace(s[j - 1]) && !isWordChar(s[j + 1])) return j;
  }
  return -1;
}

function mention(kind, label, title) {
  return h('span', { class: `mention mention-${kind}`, title }, label);
}

/** The inside of `<…>`: a mention, a special command, a date or a link. */
function special(inner, ctx) {
  const [target, ...rest] = inner.split('|');
  const label = rest.length > 0 ? decodeEntities(rest.join('|')) : undefined;
  if (/^@[UW][A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    const name = ctx.userName(id);
    return mention('user', `@${name ?? label ?? id}`, id);
  }
  if (/^#[CGD][A-Z0-9]+$/.test(target)) {
    const id = target.slice(1);
    return mention('channel', `#${ctx.channelName(id) ?? label ?? id}`, id);
  }
  if (target.startsWith('!')) {
    const [command, ...args] = target.slice(1).split('^');
    if (['here', 'channel', 'everyone'].includes(command)) return mention('broadcast', `@${command}`);
    if (command === 'subteam') return mention('group', label ?? `@${args[0] ?? 'group'}`);
    if (command === 'date' && args.length >= 2) {
      const formatted = formatSlackDate(args[0], decodeEntities(args[1]), ctx);
      const text = formatted ?? label ?? inner;
      const href = safeUrl(args[2]);
      return href
        ? h('a', { class: 'date', href, target: '_blank', rel: 'noopener noreferrer' }, text)
        : h('time', { class: 'date', title: label ?? '' }, text);
    }
    return placeholder(`<${decodeEntities(inner)}>`, 'Slack does not know this special command');
  }
  const href = safeUrl(decodeEntities(target));
  if (href)
    return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label ?? decodeEntities(target));
  return placeholder(
    `<${decodeEntities(inner)}>`,
    'Slack would read this as a link it cannot open: escape < and > as &lt; and &gt;',
  );
}

export function inline(s, ctx) {
  const nodes = [];
  let buffer = '';
  const flush = () => {
    if (buffer) nodes.push(replaceEmoji(decodeEntities(buffer)));
    buffer = '';
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '<') {
      const end = s.indexOf('>', i + 1);
      const inner = end > i + 1 ? s.slice(i + 1, end) : '';
      if (inner && !inner.includes('\n') && !inner.includes('<')) {
        flush();
        nodes.push(special(inner, ctx));
        i = end + 1;
        continue;
      }
    }
    if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1 && !s.slice(i + 1, end).includes('\n')) {
        flush();
        nodes.push(h('code', {}, decodeEntities(s.slice(i + 1, end))));
        i = end + 1;
        continue;
      }
    }
    if (MARKS[ch]) {
      const end = closingIndex(s, i, ch);
      if (end > 0) {
        flush();
        nodes.push(h(MARKS[ch], {}, inline(s.slice(i + 1, end), ctx)));
        i = end + 1;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return nodes;
}

function lines(list, ctx) {
  const out = [];
  list.forEach((line, index) => {
    if (index > 0) out.push(h('br'));
    out.push(inline(line, ctx));
  });
  return out;
}

const QUOTE = /^(?:>|&gt;) ?/;
const BULLET = /^\s*[•◦▪\-*] +/;
const ORDERED = /^\s*(\d+)[.)] +/;

function kindOf(line) {
  if (QUOTE.test(line)) return 'quote';
  if (BULLET.test(line)) return 'bullet';
  if (ORDERED.test(line)) return 'ordered';
  return 'text';
}

/** Consecutive lines of one kind make one paragraph, quote or list. */
function textBlocks(text, ctx) {
  const groups = [];
  for (const line of text.split('\n')) {
    const kind = kindOf(line);
    const last = groups.at(-1);
    if (last && last.kind === kind) last.lines.push(line);
    else groups.push({ kind, lines: [line] });
  }
  return groups.map(({ kind, lines: group }) => {
    if (kind === 'quote')
      return h(
        'blockquote',
        {},
        lines(
          group.map((l) => l.replace(QUOTE, '')),
          ctx,
        ),
      );
    if (kind === 'bullet')
      return h(
        'ul',
        {},
        group.map((l) => h('li', {}, inline(l.replace(BULLET, ''), ctx))),
      );
    if (kind === 'ordered') {
      const start = ORDERED.exec(group[0])?.[1] ?? '1';
      return h(
        'ol',
        { start },
        group.map((l) => h('li', {}, inline(l.replace(ORDERED, ''), ctx))),
      );
    }
    return h('p', {}, lines(group, ctx));
  });
}

/** A mrkdwn string as a `div.mrkdwn`. `ctx`: userName(id), channelName(id), locale, tz. */
export function renderMrkdwn(source, ctx) {
  const text = String(source ?? '');
  const out = h('div', { class: 'mrkdwn' });
  let last = 0;
  for (const match of text.matchAll(/```([\s\S]*?)```/g)) {
    const before = text.slice(last, match.index).replace(/\n$/, '');
    if (before) out.append(...textBlocks(before, ctx));
    out.append(h('pre', {}, decodeEntities(match[1].replace(/^\n/, ''))));
    last = match.index + match[0].length;
  }
  const rest = text.slice(last).replace(/^\n/, '');
  if (rest || last === 0) out.append(...textBlocks(rest, ctx));
  return out;
}

/** A text object (`plain_text` or `mrkdwn`); plain text only gets its emoji. */
export function renderText(object, ctx, tag = 'span') {
  if (object && object.type === 'mrkdwn') return renderMrkdwn(object.text, ctx);
  const text = typeof object === 'string' ? object : String(object?.text ?? '');
  return h(tag, { class: 'plain' }, object?.emoji === false ? text : replaceEmoji(text));
}
