/**
 * Interactive elements in actions blocks and section accessories (messages, Home, modals):
 * buttons with their styles and confirm dialogs, overflow menus, selects, pickers, checkboxes
 * and radio buttons. What a person does goes to `ctx.act`, which sends it through the emulator.
 */
import { askToConfirm } from './confirm.mjs';
import { fromLocalInput, toLocalInput } from './dates.mjs';
import { asArray, h, placeholder, safeImageUrl, safeUrl, textOf } from './dom.mjs';
import { replaceEmoji } from './emoji.mjs';
import { renderText } from './mrkdwn.mjs';
import { initialSelection, isMulti, isSelect, selectElement, selectedValues } from './options.mjs';

async function confirmed(element, ctx) {
  return !element.confirm || askToConfirm(element.confirm, ctx);
}

function button(element, blockId, surface, ctx) {
  const style = element.style === 'primary' ? 'btn-primary' : element.style === 'danger' ? 'btn-danger' : '';
  const url = safeUrl(element.url);
  return h(
    'button',
    {
      class: `btn ${style}`,
      type: 'button',
      dataset: { actionId: element.action_id ?? '', blockId },
      'aria-label': element.accessibility_label,
      onclick: async (event) => {
        const target = event.currentTarget;
        if (!(await confirmed(element, ctx))) return;
        // A link button opens its page and still tells the app, as in Slack.
        if (url) window.open(url, '_blank', 'noopener,noreferrer');
        target.disabled = true;
        try {
          await ctx.act.click(surface, blockId, element);
        } finally {
          target.disabled = false;
        }
      },
    },
    replaceEmoji(textOf(element.text)),
  );
}

function overflow(element, blockId, surface, ctx) {
  const menu = h('div', { class: 'overflow-menu', role: 'menu', hidden: true });
  const toggle = h(
    'button',
    {
      class: 'btn btn-icon',
      type: 'button',
      'aria-haspopup': 'menu',
      'aria-label': ctx.t('moreActions'),
      dataset: { actionId: element.action_id ?? '', blockId },
    },
    '⋮',
  );
  toggle.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
  });
  for (const option of asArray(element.options)) {
    const url = safeUrl(option.url);
    menu.append(
      h(
        'button',
        {
          class: 'overflow-item',
          type: 'button',
          role: 'menuitem',
          onclick: async () => {
            menu.hidden = true;
            if (!(await confirmed(element, ctx))) return;
            if (url) window.open(url, '_blank', 'noopener,noreferrer');
            await ctx.act.select(surface, blockId, element, String(option.value ?? ''));
          },
        },
        replaceEmoji(textOf(option.text)),
      ),
    );
  }
  return h('div', { class: 'overflow' }, toggle, menu);
}

/** After a refused confirm the control shows what was chosen before. */
function onChoice(control, element, blockId, surface, ctx, read, restore) {
  control.addEventListener('change', async () => {
    const value = read();
    if (value === undefined) return;
    if (!(await confirmed(element, ctx))) {
      restore();
      return;
    }
    await ctx.act.select(surface, blockId, element, value);
  });
  return control;
}

function choiceList(element, blockId, surface, ctx) {
  const multiple = element.type === 'checkboxes';
  const chosen = new Set(initialSelection(element));
  const name = `${surface.kind}-${blockId}-${element.action_id}`;
  const inputs = [];
  const list = h(
    'div',
    { class: `choices ${element.type}`, role: multiple ? 'group' : 'radiogroup' },
    asArray(element.options).map((option) => {
      const input = h('input', {
        type: multiple ? 'checkbox' : 'radio',
        name,
        value: String(option.value ?? ''),
        checked: chosen.has(String(option.value)),
      });
      inputs.push(input);
      return h(
        'label',
        { class: 'choice' },
        input,
        h(
          'span',
          {},
          renderText(option.text, ctx),
          option.description
            ? h('small', { class: 'choice-description' }, renderText(option.description, ctx))
            : null,
        ),
      );
    }),
  );
  const read = () => {
    const values = inputs.filter((i) => i.checked).map((i) => i.value);
    return multiple ? values : values[0];
  };
  const restore = () => {
    for (const input of inputs) input.checked = chosen.has(input.value);
  };
  return onChoice(list, element, blockId, surface, ctx, read, restore);
}

function picker(element, blockId, surface, ctx) {
  const kinds = { datepicker: 'date', timepicker: 'time', datetimepicker: 'datetime-local' };
  const initial =
    element.type === 'datepicker'
      ? element.initial_date
      : element.type === 'timepicker'
        ? element.initial_time
        : typeof element.initial_date_time === 'number'
          ? toLocalInput(element.initial_date_time, ctx.tz)
          : undefined;
  const input = h('input', {
    class: 'input picker',
    type: kinds[element.type],
    value: initial ?? '',
    'aria-label': textOf(element.placeholder) || element.type,
  });
  const read = () => {
    if (!input.value) return undefined;
    return element.type === 'datetimepicker' ? String(fromLocalInput(input.value, ctx.tz)) : input.value;
  };
  return onChoice(input, element, blockId, surface, ctx, read, () => {
    input.value = initial ?? '';
  });
}

/** One element outside an input block. `surface` says where it is, for the emulator to find it. */
export function renderElement(element, blockId, surface, ctx) {
  const type = element?.type;
  if (type === 'button') return button(element, blockId, surface, ctx);
  if (type === 'overflow') return overflow(element, blockId, surface, ctx);
  if (type === 'checkboxes' || type === 'radio_buttons') return choiceList(element, blockId, surface, ctx);
  if (type === 'datepicker' || type === 'timepicker' || type === 'datetimepicker')
    return picker(element, blockId, surface, ctx);
  if (type === 'image') {
    const src = safeImageUrl(element.image_url);
    return src
      ? h('img', { class: 'accessory-image', src, alt: element.alt_text ?? '' })
      : placeholder(`image ${element.alt_text ?? ''}`.trim());
  }
  if (isSelect(type)) {
    const before = initialSelection(element);
    const select = selectElement(element, before, ctx, {
      dataset: { actionId: element.action_id ?? '', blockId },
    });
    const read = () => {
      const values = selectedValues(select);
      return isMulti(type) ? values : values[0];
    };
    const restore = () => {
      for (const option of select.options) option.selected = before.includes(option.value);
    };
    return onChoice(select, element, blockId, surface, ctx, read, restore);
  }
  return placeholder(`element ${type ?? 'without a type'}`);
}
