/**
 * The choices of a select, as Slack's client lists them: the app's options (and option groups)
 * for static selects, the workspace's people for user selects, the conversations the person can
 * see for conversation and channel selects. Rendered as native selects: keyboard- and
 * test-friendly, and nothing is lost.
 */
import { asArray, h, textOf } from './dom.mjs';
import { replaceEmoji } from './emoji.mjs';

const BASE = {
  static_select: 'static',
  multi_static_select: 'static',
  users_select: 'users',
  multi_users_select: 'users',
  conversations_select: 'conversations',
  multi_conversations_select: 'conversations',
  channels_select: 'channels',
  multi_channels_select: 'channels',
};

export const isSelect = (type) => Object.hasOwn(BASE, type);
export const isMulti = (type) => typeof type === 'string' && type.startsWith('multi_');

function conversationLabel(conversation, ctx) {
  if (conversation.kind === 'im')
    return conversation.imUser === ctx.me.id
      ? ctx.appName
      : (ctx.userName(conversation.imUser) ?? conversation.id);
  if (conversation.kind === 'mpim') return conversation.name;
  return `#${conversation.name}`;
}

function conversationAllowed(conversation, filter) {
  if (conversation.isArchived) return false;
  const include = asArray(filter?.include);
  if (include.length === 0) return true;
  const kind = conversation.kind === 'channel' ? 'public' : conversation.kind;
  return include.includes(kind);
}

/** `{ groups: [{ label?, options: [{ value, label }] }] }` */
export function choices(element, ctx) {
  switch (BASE[element.type]) {
    case 'static': {
      const option = (o) => ({ value: String(o.value ?? ''), label: replaceEmoji(textOf(o.text)) });
      const groups = asArray(element.option_groups).map((g) => ({
        label: textOf(g.label),
        options: asArray(g.options).map(option),
      }));
      return groups.length > 0 ? groups : [{ options: asArray(element.options).map(option) }];
    }
    case 'users':
      return [
        {
          options: ctx.people
            .filter((p) => !p.deleted)
            .map((p) => ({
              value: p.id,
              label: p.id === ctx.me.id ? `${p.realName} (${ctx.t('you')})` : p.realName,
            })),
        },
      ];
    case 'conversations':
      return [
        {
          options: ctx.conversations
            .filter((c) => conversationAllowed(c, element.filter))
            .map((c) => ({ value: c.id, label: conversationLabel(c, ctx) })),
        },
      ];
    case 'channels':
      return [
        {
          options: ctx.conversations
            .filter((c) => c.kind === 'channel' && !c.isArchived)
            .map((c) => ({ value: c.id, label: `#${c.name}` })),
        },
      ];
    default:
      return [{ options: [] }];
  }
}

function placeholderText(element, ctx) {
  if (element.placeholder) return textOf(element.placeholder);
  const base = BASE[element.type];
  if (base === 'users') return ctx.t('selectPerson');
  if (base === 'conversations') return ctx.t('selectConversation');
  if (base === 'channels') return ctx.t('selectChannel');
  return ctx.t('select');
}

/** A native `<select>`; single selects start on a disabled placeholder when nothing is chosen. */
export function selectElement(element, selected, ctx, props = {}) {
  const multiple = isMulti(element.type);
  const chosen = new Set(selected);
  const optionNode = (o) => h('option', { value: o.value, selected: chosen.has(o.value) }, o.label);
  const groups = choices(element, ctx).map((g) =>
    g.label !== undefined
      ? h('optgroup', { label: g.label }, g.options.map(optionNode))
      : g.options.map(optionNode),
  );
  // Inside an input block the block's label names the select; elsewhere its placeholder does.
  const label = props.id ? undefined : placeholderText(element, ctx);
  const select = h('select', { class: 'select', multiple, 'aria-label': label, ...props }, groups);
  if (!multiple) {
    const none = h(
      'option',
      { value: '', disabled: true, selected: chosen.size === 0 },
      placeholderText(element, ctx),
    );
    select.prepend(none);
    if (chosen.size === 0) select.value = '';
  }
  return select;
}

export function selectedValues(select) {
  return Array.from(select.selectedOptions, (o) => o.value).filter((v) => v !== '');
}

/** The ids or option values a state value names, for pre-selecting. */
export function stateSelection(value) {
  if (!value) return [];
  const list = [
    value.selected_option?.value,
    ...asArray(value.selected_options).map((o) => o?.value),
    value.selected_user,
    ...asArray(value.selected_users),
    value.selected_conversation,
    ...asArray(value.selected_conversations),
    value.selected_channel,
    ...asArray(value.selected_channels),
  ];
  return list.filter((v) => typeof v === 'string' && v !== '').map(String);
}

/** Pre-selection an element declares for itself (outside input blocks there is no state). */
export function initialSelection(element) {
  return stateSelection({
    selected_option: element.initial_option,
    selected_options: element.initial_options,
    selected_user: element.initial_user,
    selected_users: element.initial_users,
    selected_conversation: element.initial_conversation,
    selected_conversations: element.initial_conversations,
    selected_channel: element.initial_channel,
    selected_channels: element.initial_channels,
  });
}
