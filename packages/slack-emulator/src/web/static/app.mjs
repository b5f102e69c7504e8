/**
 * The local workspace page: who is being played, what they see (a snapshot from the emulator,
 * re-read whenever its event stream says something changed), and what they do (sent to the
 * emulator, which delivers it to the app exactly as Slack would).
 */
import { ApiError, getJson, post } from './api.mjs';
import { renderBlocks } from './blocks.mjs';
import { Composer } from './composer.mjs';
import { h } from './dom.mjs';
import { pageLocale, translator } from './i18n.mjs';
import { APP_HOME, APP_MESSAGES, renderPaneHeader, renderSidebar } from './layout.mjs';
import { MessageList } from './messages.mjs';
import { ModalLayer } from './modal.mjs';
import { PersonSwitcher } from './switcher.mjs';

const root = document.getElementById('app');
const state = { info: null, userId: '', view: APP_MESSAGES, snapshot: null, notices: [], homeKey: '' };

const switcher = new PersonSwitcher((id) => switchTo(id, APP_MESSAGES));
const messages = new MessageList();
const composer = new Composer((text, target) => send(text, target));
const teamName = h('span', { class: 'topbar-team' });
const sidebarSlot = h('div', { class: 'sidebar-slot' });
const headerSlot = h('div', { class: 'pane-header-slot' });
const body = h('div', { class: 'pane-body' });
const modalRoot = h('div', { class: 'modal-layer' });
const modals = new ModalLayer(modalRoot);
const toasts = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
const banner = h('div', { class: 'connection-banner', hidden: true });

// ---- talking to the emulator ------------------------------------------------------------------

function toast(text) {
  const node = h('div', { class: 'toast' }, text);
  toasts.append(node);
  setTimeout(() => node.remove(), 8000);
}

function reportDelivery(delivery, ctx) {
  if (delivery && delivery.status !== 200)
    toast(ctx.t('noResponse', { app: ctx.appName, reason: delivery.error ?? `HTTP ${delivery.status}` }));
}

async function perform(action, fields) {
  const ctx = context();
  try {
    const result = await post(action, { user: state.userId, ...fields });
    reportDelivery(result.delivery, ctx);
    for (const delivery of result.deliveries ?? []) reportDelivery(delivery, ctx);
    return result;
  } catch (error) {
    toast(ctx.t('refused', { detail: error instanceof ApiError ? error.message : String(error) }));
    return undefined;
  } finally {
    scheduleRefresh();
  }
}

/** What a surface is, for the emulator to find the element on it; functions stay in the page. */
const where = ({ kind, channel, ts }) => ({ kind, channel, ts });

const act = {
  async click(surface, blockId, element) {
    if (surface.kind === 'notice') return;
    await surface.sync?.();
    return perform('click', {
      surface: where(surface),
      viewId: surface.viewId,
      actionId: element.action_id,
      blockId,
    });
  },
  async select(surface, blockId, element, option) {
    if (surface.kind === 'notice') return;
    await surface.sync?.();
    return perform('select', {
      surface: where(surface),
      viewId: surface.viewId,
      actionId: element.action_id,
      blockId,
      option,
    });
  },
  /** A message shortcut from a message's "More actions" menu. */
  shortcut: (channel, ts, callbackId) => perform('shortcut', { channel, ts, callbackId }),
  modal: (action, fields) => perform(action, fields),
};

function notice(channel, text) {
  const ts = (Date.now() / 1000).toFixed(6);
  state.notices.push({ channel, notice: true, message: { ts, text, from: 'USLACKBOT' } });
  render();
}

async function send(text, target) {
  const ctx = context();
  const command = /^(\/\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (command) {
    if (ctx.app.known && !ctx.app.commands.some((c) => c.command === command[1])) {
      notice(target.channel, ctx.t('notCommand', { command: command[1] }));
      return false;
    }
    return Boolean(
      await perform('command', {
        channel: target.channel,
        command: command[1],
        text: (command[2] ?? '').trim(),
      }),
    );
  }
  if (target.commandsOnly) {
    notice(target.channel, ctx.t('commandsOnly'));
    return false;
  }
  return Boolean(await perform('message', { channel: target.channel, text }));
}

// ---- what the person sees ---------------------------------------------------------------------

function context() {
  const snapshot = state.snapshot;
  const app = state.info.app;
  const people = new Map(snapshot.people.map((p) => [p.id, p]));
  const conversations = new Map(snapshot.conversations.map((c) => [c.id, c]));
  const bot = people.get(snapshot.botUserId);
  const appName = app.name ?? app.botName ?? bot?.realName ?? 'App';
  const ctx = {
    me: snapshot.me,
    people: snapshot.people,
    conversations: snapshot.conversations,
    botUserId: snapshot.botUserId,
    app,
    appName,
    appColor: app.color,
    locale: snapshot.me.locale,
    tz: snapshot.me.tz,
    t: translator(snapshot.me.locale),
    act,
    userName: (id) => {
      if (id === snapshot.botUserId) return appName;
      const person = people.get(id);
      return person ? person.displayName || person.realName : undefined;
    },
    channelName: (id) => {
      const conversation = conversations.get(id);
      if (!conversation) return undefined;
      return conversation.kind === 'im' ? appName : conversation.name;
    },
  };
  // Names and language change how every message reads: part of each message's cache key.
  ctx.signature = `${ctx.me.id}|${ctx.locale}|${ctx.tz}|${snapshot.people.map((p) => p.displayName || p.realName).join(',')}`;
  return ctx;
}

function renderHome(ctx) {
  const home = state.snapshot.home;
  const key = home ? `${home.id}:${home.hash}:${ctx.signature}` : 'none';
  if (key === state.homeKey && body.firstChild?.classList?.contains('home')) return;
  state.homeKey = key;
  body.replaceChildren(
    h(
      'div',
      { class: 'home' },
      home
        ? renderBlocks(home.blocks, { kind: 'home' }, ctx)
        : h('p', { class: 'muted center' }, ctx.t('noHome')),
    ),
  );
}

function render() {
  const { snapshot, view } = state;
  if (!snapshot) return;
  const ctx = context();
  document.documentElement.lang = pageLocale(ctx.locale);
  teamName.textContent = snapshot.team.name;
  switcher.update(snapshot.people, snapshot.me, ctx);
  sidebarSlot.replaceChildren(renderSidebar(snapshot, view, ctx, go));
  const channel = view === APP_HOME || view === APP_MESSAGES ? snapshot.dmChannel : view;
  const conversation = snapshot.conversations.find((c) => c.id === channel);
  headerSlot.replaceChildren(renderPaneHeader(conversation, view, ctx, go));
  if (view === APP_HOME) {
    renderHome(ctx);
    composer.node.hidden = true;
  } else {
    state.homeKey = '';
    const items = [
      ...(conversation?.messages ?? []).map((message) => ({ message, channel })),
      ...snapshot.ephemerals
        .filter((e) => e.channel === channel)
        .map((message) => ({ message, channel, ephemeral: true })),
      ...state.notices.filter((n) => n.channel === channel),
    ];
    messages.render(items, ctx, { truncated: conversation?.truncated === true });
    if (body.firstChild !== messages.node) body.replaceChildren(messages.node);
    composer.node.hidden = false;
    const name = view === APP_MESSAGES ? ctx.appName : `#${conversation?.name ?? ''}`;
    composer.update(ctx, { channel, name, commandsOnly: view === APP_MESSAGES && ctx.app.messagesReadOnly });
  }
  modals.render(snapshot, ctx);
  root.dataset.user = snapshot.me.id;
  root.dataset.view = view;
  root.removeAttribute('aria-busy');
}

// ---- keeping up with the emulator -------------------------------------------------------------

let loading = null;
let stale = false;
let timer;

async function load() {
  const snapshot = await getJson(`/_ui/state?user=${encodeURIComponent(state.userId)}`);
  if (snapshot.me.id !== state.userId) return;
  state.snapshot = snapshot;
  render();
}

/** One read at a time; changes during a read cause exactly one more. */
function refresh() {
  if (loading) {
    stale = true;
    return loading;
  }
  loading = (async () => {
    do {
      stale = false;
      await load().catch((error) => toast(String(error.message ?? error)));
    } while (stale);
  })().finally(() => {
    loading = null;
  });
  return loading;
}

function scheduleRefresh() {
  clearTimeout(timer);
  timer = setTimeout(refresh, 25);
}

let source;
function listen(userId) {
  source?.close();
  source = new EventSource(`/_ui/events?user=${encodeURIComponent(userId)}`);
  source.onmessage = scheduleRefresh;
  source.onopen = () => {
    banner.hidden = true;
    scheduleRefresh();
  };
  source.onerror = () => {
    banner.hidden = false;
    banner.textContent = state.snapshot ? context().t('reconnecting') : 'Reconnecting…';
  };
}

function remember() {
  const params = new URLSearchParams({ as: state.userId, view: state.view });
  history.replaceState(null, '', `?${params}`);
  localStorage.setItem('sandbox.as', state.userId);
}

/** Opening the app's tabs is something Slack tells the app about (`app_home_opened`). */
async function go(view) {
  state.view = view;
  remember();
  render();
  if (view === APP_HOME) await perform('home', { tab: 'home' });
  else if (view === APP_MESSAGES) await perform('home', { tab: 'messages' });
}

async function switchTo(userId, view) {
  state.userId = userId;
  state.snapshot = null;
  state.notices = [];
  state.homeKey = '';
  root.dataset.user = '';
  listen(userId);
  await refresh();
  await go(view);
}

async function boot() {
  state.info = await getJson('/_ui/app');
  const params = new URLSearchParams(location.search);
  const known = (id) => state.info.people.some((p) => p.id === id);
  const wanted = [params.get('as'), localStorage.getItem('sandbox.as')].find((id) => id && known(id));
  // A friendly start: the person the workspace suggests (an employee, local mode), on their Home.
  const suggested = state.info.startAs && known(state.info.startAs) ? state.info.startAs : undefined;
  const first = suggested ?? state.info.people.find((p) => !p.deleted)?.id ?? state.info.people[0]?.id;
  root.replaceChildren(
    h('header', { class: 'topbar' }, teamName, h('div', { class: 'topbar-spacer' }), switcher.node),
    banner,
    h(
      'div',
      { class: 'workspace' },
      sidebarSlot,
      h('main', { class: 'pane' }, headerSlot, body, composer.node),
    ),
    modalRoot,
    toasts,
  );
  await switchTo(wanted ?? first, params.get('view') || (wanted ? APP_MESSAGES : APP_HOME));
}

boot().catch((error) => {
  root.replaceChildren(h('p', { class: 'fatal' }, `Could not load the workspace: ${error.message ?? error}`));
});
