/**
 * A modal's input blocks: label, element, hint, and the field error under it. Each field keeps
 * what the person typed in the page until they submit (Slack's client does the same) and can
 * `read()` it as the emulator's fillModal takes it: text, a date, an option value, ids, files.
 * `undefined` means "nothing to send": the emulator keeps what it already has.
 */
import { fromLocalInput, toLocalInput } from './dates.mjs';
import { asArray, h, placeholder, textOf } from './dom.mjs';
import { renderText } from './mrkdwn.mjs';
import { isMulti, isSelect, selectElement, selectedValues, stateSelection } from './options.mjs';

function textValue(state) {
  if (typeof state?.value === 'string') return state.value;
  // rich_text_input: what Slack would show, flattened to its text.
  const sections = asArray(state?.rich_text_value?.elements);
  return sections
    .map((s) =>
      asArray(s.elements)
        .map((e) => e.text ?? '')
        .join(''),
    )
    .join('\n');
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function textField(element, state, id, dispatch) {
  const multiline = element.multiline === true || element.type === 'rich_text_input';
  const modes = { email_text_input: 'email', url_text_input: 'url', number_input: 'decimal' };
  const props = {
    id,
    class: 'input',
    placeholder: textOf(element.placeholder) || undefined,
    inputmode: modes[element.type],
    value: textValue(state),
  };
  const control = multiline ? h('textarea', { ...props, rows: 4 }) : h('input', { ...props, type: 'text' });
  if (dispatch && !multiline) {
    control.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        dispatch(control.value);
      }
    });
  }
  return { control, read: () => control.value };
}

function pickerField(element, state, id, ctx, dispatch) {
  const kinds = { datepicker: 'date', timepicker: 'time', datetimepicker: 'datetime-local' };
  const seconds = state?.selected_date_time;
  const value =
    state?.selected_date ??
    state?.selected_time ??
    (typeof seconds === 'number' ? toLocalInput(seconds, ctx.tz) : '');
  const control = h('input', { id, class: 'input picker', type: kinds[element.type], value: value ?? '' });
  const read = () => {
    if (!control.value) return undefined;
    return element.type === 'datetimepicker' ? String(fromLocalInput(control.value, ctx.tz)) : control.value;
  };
  if (dispatch) control.addEventListener('change', () => read() !== undefined && dispatch(read()));
  return { control, read };
}

function choiceField(element, state, id, ctx, dispatch) {
  const multiple = element.type === 'checkboxes';
  const chosen = new Set(stateSelection(state));
  const inputs = asArray(element.options).map((option) =>
    h('input', {
      type: multiple ? 'checkbox' : 'radio',
      name: id,
      value: String(option.value ?? ''),
      checked: chosen.has(String(option.value)),
    }),
  );
  const control = h(
    'div',
    { id, class: `choices ${element.type}`, role: multiple ? 'group' : 'radiogroup' },
    asArray(element.options).map((option, i) =>
      h(
        'label',
        { class: 'choice' },
        inputs[i],
        h(
          'span',
          {},
          renderText(option.text, ctx),
          option.description
            ? h('small', { class: 'choice-description' }, renderText(option.description, ctx))
            : null,
        ),
      ),
    ),
  );
  const read = () => {
    const values = inputs.filter((i) => i.checked).map((i) => i.value);
    return multiple ? values : values[0];
  };
  if (dispatch) control.addEventListener('change', () => read() !== undefined && dispatch(read()));
  return { control, read };
}

function selectField(element, state, id, ctx, dispatch) {
  const control = selectElement(element, stateSelection(state), ctx, { id });
  const read = () => {
    const values = selectedValues(control);
    return isMulti(element.type) ? values : values[0];
  };
  if (dispatch) control.addEventListener('change', () => read() !== undefined && dispatch(read()));
  return { control, read };
}

function fileField(element, state, id) {
  const types = asArray(element.filetypes).map((t) => `.${String(t).replace(/^\./, '')}`);
  const control = h('input', {
    id,
    class: 'input file',
    type: 'file',
    multiple: (element.max_files ?? 10) > 1,
    accept: types.length > 0 ? types.join(',') : undefined,
  });
  const already = asArray(state?.files).map((f) => f.name);
  const wrapper = h(
    'div',
    { class: 'file-field' },
    control,
    already.length > 0 ? h('small', {}, already.join(', ')) : null,
  );
  const read = async () => {
    if (control.files.length === 0) return undefined;
    const files = [];
    for (const file of control.files)
      files.push({ name: file.name, mimetype: file.type || undefined, content: await readFile(file) });
    return { files };
  };
  return { control: wrapper, read };
}

function fieldFor(element, state, id, ctx, dispatch) {
  const type = element?.type;
  if (
    ['plain_text_input', 'email_text_input', 'url_text_input', 'number_input', 'rich_text_input'].includes(
      type,
    )
  )
    return textField(element, state, id, dispatch);
  if (type === 'datepicker' || type === 'timepicker' || type === 'datetimepicker')
    return pickerField(element, state, id, ctx, dispatch);
  if (type === 'checkboxes' || type === 'radio_buttons')
    return choiceField(element, state, id, ctx, dispatch);
  if (isSelect(type)) return selectField(element, state, id, ctx, dispatch);
  if (type === 'file_input') return fileField(element, state, id);
  return { control: placeholder(`input ${type ?? 'without a type'}`), read: () => undefined };
}

let counter = 0;

/**
 * One input block of `view`. `onDispatch(blockId, value)` is called for blocks with
 * `dispatch_action` (Slack then sends block_actions at once). Returns the block's node and a
 * field record `{ blockId, dispatch, read, showError(message) }`.
 */
export function renderInputBlock(block, view, ctx, onDispatch) {
  const blockId = String(block.block_id ?? '');
  const element = block.element ?? {};
  const state = view.state?.values?.[blockId]?.[element.action_id];
  counter += 1;
  const id = `input-${counter}`;
  const dispatch = block.dispatch_action === true ? (value) => onDispatch(blockId, value) : undefined;
  const { control, read } = fieldFor(element, state, id, ctx, dispatch);
  const error = h('div', { class: 'field-error', role: 'alert', hidden: true });
  const node = h(
    'div',
    { class: 'input-block' },
    h(
      'label',
      { class: 'input-label', for: id },
      renderText(block.label, ctx),
      block.optional ? h('span', { class: 'optional' }, ` ${ctx.t('optional')}`) : null,
    ),
    control,
    block.hint ? h('div', { class: 'hint' }, renderText(block.hint, ctx)) : null,
    error,
  );
  const showError = (message) => {
    error.textContent = message ?? '';
    error.hidden = !message;
    node.classList.toggle('has-error', Boolean(message));
  };
  return { node, field: { blockId, dispatch: Boolean(dispatch), read, showError } };
}
