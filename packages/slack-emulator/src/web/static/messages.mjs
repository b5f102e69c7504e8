/**
 * A conversation's history as Slack shows it: each message with its author, time and blocks (or
 * its mrkdwn text when it has none), legacy attachments, shared files, thread markers, and the
 * person's ephemeral messages in place, marked "Only visible to you". A message's DOM is kept
 * until the message itself changes, so a refresh never resets a menu someone is using.
 */
import { renderBlocks } from './blocks.mjs';
import { fullTime, messageTime } from './dates.mjs';
import { asArray, avatar, h, textOf } from './dom.mjs';
import { renderMrkdwn } from './mrkdwn.mjs';

const SLACKBOT = 'USLACKBOT';

function author(message, ctx) {
  const fromApp = message.from === ctx.botUserId || message.user === ctx.botUserId || message.bot_id;
  if (message.from === SLACKBOT || message.user === SLACKBOT)
    return { id: SLACKBOT, name: ctx.t('slackbot'), app: false };
  if (fromApp) return { id: ctx.botUserId, name: ctx.appName, app: true, color: ctx.appColor };
  const id = message.user ?? message.from ?? '';
  return { id, name: ctx.userName(id) ?? id, app: false };
}

function attachment(item, ctx) {
  const bar = h('div', { class: 'attachment' });
  if (typeof item.color === 'string' && /^#?[0-9a-f]{3,8}$/i.test(item.color))
    bar.style.borderLeftColor = item.color.startsWith('#') ? item.color : `#${item.color}`;
  const fields = asArray(item.fields).map((f) =>
    h('div', { class: 'field' }, h('strong', {}, textOf(f.title)), renderMrkdwn(f.value, ctx)),
  );
  bar.append(
    ...[
      item.pretext ? renderMrkdwn(item.pretext, ctx) : null,
      item.title ? h('strong', { class: 'attachment-title' }, textOf(item.title)) : null,
      item.text ? renderMrkdwn(item.text, ctx) : null,
      fields.length > 0 ? h('div', { class: 'fields' }, fields) : null,
      item.blocks ? renderBlocks(item.blocks, ctx.surface, ctx) : null,
      !item.text && !item.blocks && item.fallback ? renderMrkdwn(item.fallback, ctx) : null,
    ].filter(Boolean),
  );
  return bar;
}

function files(message, ctx) {
  return asArray(message.files).map((file) =>
    h(
      'a',
      {
        class: 'file-chip',
        href: `/_ui/file/${encodeURIComponent(file.id)}?user=${encodeURIComponent(ctx.me.id)}`,
        download: file.name ?? '',
      },
      h('span', { class: 'file-icon', 'aria-hidden': 'true' }, '📄'),
      h(
        'span',
        {},
        String(file.title || file.name || file.id),
        h('small', {}, ` ${String(file.filetype ?? '')} · ${Number(file.size ?? 0).toLocaleString()} B`),
      ),
    ),
  );
}

function content(message, surface, ctx) {
  const blocks = asArray(message.blocks);
  const itemCtx = { ...ctx, surface };
  return [
    blocks.length > 0
      ? renderBlocks(blocks, surface, ctx)
      : message.text
        ? renderMrkdwn(message.text, ctx)
        : null,
    ...asArray(message.attachments).map((a) => attachment(a, itemCtx)),
    ...files(message, ctx),
  ];
}

/**
 * The message's "More actions" menu: the app's message shortcuts (from its manifest), as Slack
 * lists them on a message someone hovers; choosing one sends the app a `message_action`.
 */
function moreActions(item, ctx) {
  const shortcuts = asArray(ctx.app.messageShortcuts);
  if (shortcuts.length === 0 || item.ephemeral || item.notice) return null;
  const menu = h('div', { class: 'overflow-menu', role: 'menu', hidden: true });
  const toggle = h(
    'button',
    {
      class: 'btn btn-icon message-more',
      type: 'button',
      'aria-haspopup': 'menu',
      'aria-label': ctx.t('moreActions'),
      title: ctx.t('moreActions'),
    },
    '⋮',
  );
  toggle.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
  });
  for (const shortcut of shortcuts)
    menu.append(
      h(
        'button',
        {
          class: 'overflow-item',
          type: 'button',
          role: 'menuitem',
          title: textOf(shortcut.description),
          dataset: { callbackId: textOf(shortcut.callbackId) },
          onclick: async () => {
            menu.hidden = true;
            await ctx.act.shortcut(item.channel, item.message.ts, String(shortcut.callbackId));
          },
        },
        textOf(shortcut.name),
      ),
    );
  return h('div', { class: 'overflow message-actions' }, toggle, menu);
}

function messageNode(item, ctx) {
  const { message, ephemeral, notice } = item;
  const who = author(message, ctx);
  const surface = notice
    ? { kind: 'notice' }
    : { kind: ephemeral ? 'ephemeral' : 'message', channel: item.channel, ts: message.ts };
  const inThread = message.thread_ts && message.thread_ts !== message.ts;
  return h(
    'article',
    {
      class: `message${ephemeral ? ' ephemeral' : ''}${inThread ? ' thread-reply' : ''}`,
      dataset: { ts: message.ts, author: who.id },
    },
    avatar(who.id, who.name, who.color),
    h(
      'div',
      { class: 'message-main' },
      h(
        'div',
        { class: 'message-meta' },
        h('strong', { class: 'author' }, who.name),
        who.app ? h('span', { class: 'badge' }, ctx.t('app')) : null,
        h('time', { title: fullTime(message.ts, ctx) }, messageTime(message.ts, ctx)),
        message.edited ? h('span', { class: 'edited' }, ctx.t('edited')) : null,
        inThread ? h('span', { class: 'edited' }, ctx.t('inThread')) : null,
        moreActions(item, ctx),
      ),
      h('div', { class: 'message-content' }, content(message, surface, ctx)),
      message.reply_count
        ? h('div', { class: 'replies' }, ctx.t('replies', { n: message.reply_count }))
        : null,
      ephemeral || notice ? h('div', { class: 'only-you' }, '👁 ', ctx.t('onlyVisible')) : null,
    ),
  );
}

export class MessageList {
  constructor() {
    this.cache = new Map();
    this.node = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite' });
  }

  /** `items`: `{ message, channel, ephemeral?, notice? }`, any order. */
  render(items, ctx, { truncated = false } = {}) {
    const atBottom = this.node.scrollHeight - this.node.scrollTop - this.node.clientHeight < 40;
    const sorted = [...items].sort((a, b) => Number(a.message.ts) - Number(b.message.ts));
    const seen = new Set();
    const nodes = sorted.map((item) => {
      const key = `${item.ephemeral ? 'e' : item.notice ? 'n' : 'm'}:${item.channel}:${item.message.ts}`;
      // Names and the viewer's locale are part of what a message looks like.
      const signature = `${ctx.signature}|${JSON.stringify(item.message)}`;
      seen.add(key);
      const cached = this.cache.get(key);
      if (cached && cached.signature === signature) return cached.node;
      const node = messageNode(item, ctx);
      this.cache.set(key, { signature, node });
      return node;
    });
    for (const key of this.cache.keys()) if (!seen.has(key)) this.cache.delete(key);
    const head = truncated ? [h('p', { class: 'muted center' }, ctx.t('olderHidden'))] : [];
    const empty = nodes.length === 0 ? [h('p', { class: 'muted center' }, ctx.t('noMessages'))] : [];
    const next = [...head, ...empty, ...nodes];
    const current = Array.from(this.node.children);
    // Untouched children stay in place, so a focused menu inside one keeps its focus.
    if (next.length !== current.length || next.some((node, i) => node !== current[i]))
      this.node.replaceChildren(...next);
    if (atBottom || this.lastCount !== nodes.length) this.node.scrollTop = this.node.scrollHeight;
    this.lastCount = nodes.length;
  }
}
