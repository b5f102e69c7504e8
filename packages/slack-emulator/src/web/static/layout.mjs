/**
 * The frame around the conversation: the sidebar (channels, group DMs, the app) and the pane's
 * header (a channel's name, or the app's name with its Home and Messages tabs).
 */
import { avatar, h } from './dom.mjs';

export const APP_HOME = 'app-home';
export const APP_MESSAGES = 'app-messages';

function item(label, selected, onclick, prefix) {
  return h(
    'li',
    {},
    h(
      'button',
      {
        class: `sidebar-item${selected ? ' active' : ''}`,
        type: 'button',
        'aria-current': selected ? 'page' : undefined,
        onclick,
      },
      prefix,
      h('span', {}, label),
    ),
  );
}

function section(title, items) {
  if (items.length === 0) return null;
  return h('section', { class: 'sidebar-section' }, h('h3', {}, title), h('ul', {}, items));
}

export function renderSidebar(snapshot, view, ctx, go) {
  const mine = snapshot.conversations.filter((c) => c.members.includes(ctx.me.id));
  const channels = mine
    .filter((c) => c.kind === 'channel' || c.kind === 'private')
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) =>
      item(
        c.name,
        view === c.id,
        () => go(c.id),
        h('span', { class: 'sigil', 'aria-hidden': 'true' }, c.kind === 'private' ? '🔒' : '#'),
      ),
    );
  const groups = mine
    .filter((c) => c.kind === 'mpim')
    .map((c) => item(c.name, view === c.id, () => go(c.id), h('span', { class: 'sigil' }, '👥')));
  const onApp = view === APP_HOME || view === APP_MESSAGES;
  const app = item(
    ctx.appName,
    onApp,
    () => go(onApp ? view : APP_MESSAGES),
    avatar(ctx.botUserId, ctx.appName, ctx.appColor),
  );
  return h(
    'nav',
    { class: 'sidebar', 'aria-label': snapshot.team.name },
    h('div', { class: 'team-name' }, snapshot.team.name),
    section(ctx.t('channels'), channels),
    section(ctx.t('directMessages'), groups),
    section(ctx.t('apps'), [app]),
  );
}

export function renderPaneHeader(conversation, view, ctx, go) {
  if (view === APP_HOME || view === APP_MESSAGES) {
    const tab = (id, label) =>
      h(
        'button',
        {
          class: `tab${view === id ? ' active' : ''}`,
          type: 'button',
          role: 'tab',
          'aria-selected': String(view === id),
          onclick: () => go(id),
        },
        label,
      );
    const tabs = [
      ctx.app.homeTab ? tab(APP_HOME, ctx.t('home')) : null,
      ctx.app.messagesTab ? tab(APP_MESSAGES, ctx.t('messages')) : null,
    ];
    return h(
      'div',
      { class: 'pane-header' },
      h(
        'h1',
        { class: 'pane-title' },
        avatar(ctx.botUserId, ctx.appName, ctx.appColor),
        h('span', {}, ctx.appName),
      ),
      h('div', { class: 'tabs', role: 'tablist' }, tabs),
    );
  }
  const sigil = conversation?.kind === 'private' ? '🔒 ' : conversation?.kind === 'mpim' ? '' : '# ';
  return h(
    'div',
    { class: 'pane-header' },
    h('h1', { class: 'pane-title' }, `${sigil}${conversation?.name ?? ''}`),
    conversation ? h('span', { class: 'muted' }, ctx.t('members', { n: conversation.members.length })) : null,
  );
}
