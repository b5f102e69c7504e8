import type { InputBlock, InputBlockElement, ModalView, Option, PlainTextOption } from '@slack/types';
import { type TemplateInput, templateSchema } from '../../../../src/domain/workflows/template-schema';
import type { TemplateInfo } from '../../../../src/domain/workflows/view-types';
import type { SlackStateValue, SlackStateValues } from '../../../../src/slack/forms/read-submission';

/** A template as the engine hands it out: parsed by the schema, so fixtures are valid templates. */
export function templateInfo(input: TemplateInput, version = 1): TemplateInfo {
  const definition = templateSchema.parse(input);
  return {
    key: definition.key,
    version,
    title: definition.title,
    description: definition.description ?? null,
    prefix: definition.prefix,
    purpose: definition.purpose,
    fields: definition.fields,
    computed: definition.computed,
    definition,
  };
}

const step = {
  key: 'head',
  name: { en: 'Head', zh: '主管' },
  approvers: { rule: 'department_head' as const },
};

/** One field of every type, with limits and help, the required ones marked. */
export const everyFieldInput: TemplateInput = {
  key: 'every_field',
  prefix: 'EVF',
  title: { en: 'Every field', zh: '所有欄位' },
  description: { en: 'A form with <every> kind of field.', zh: '包含所有欄位類型的表單。' },
  fields: [
    {
      id: 'title',
      type: 'text',
      required: true,
      minLength: 2,
      maxLength: 80,
      label: { en: 'Title', zh: '標題' },
      help: { en: 'A short title', zh: '簡短標題' },
    },
    { id: 'details', type: 'long_text', label: { en: 'Details', zh: '詳情' } },
    { id: 'due', type: 'date', required: true, label: { en: 'Due date', zh: '期限' } },
    { id: 'start', type: 'half_day_date', required: true, label: { en: 'From', zh: '開始' } },
    { id: 'end', type: 'half_day_date', required: true, label: { en: 'To', zh: '結束' } },
    {
      id: 'amount',
      type: 'number',
      min: 0,
      max: 1000,
      label: { en: 'Amount', zh: '金額' },
      unit: { en: 'NT$', zh: '新臺幣元' },
    },
    { id: 'count', type: 'number', integer: true, required: true, label: { en: 'Count', zh: '數量' } },
    {
      id: 'kind',
      type: 'select',
      required: true,
      label: { en: 'Kind', zh: '類別' },
      options: [
        { value: 'alpha', label: { en: 'Alpha', zh: '甲' } },
        { value: 'beta', label: { en: 'Beta', zh: '乙' } },
      ],
    },
    { id: 'approver', type: 'user', required: true, label: { en: 'Approver', zh: '審批人' } },
    { id: 'department', type: 'department', label: { en: 'Department', zh: '部門' } },
    { id: 'files', type: 'files', maxFiles: 20, label: { en: 'Files', zh: '附件' } },
    { id: 'agree', type: 'checkbox', label: { en: 'I agree', zh: '我同意' } },
  ],
  computed: [
    {
      id: 'working_days',
      kind: 'working_days',
      start: 'start',
      end: 'end',
      label: { en: 'Days', zh: '天數' },
    },
  ],
  checks: [{ kind: 'date_order', start: 'start', end: 'end' }],
  subjectFields: ['title'],
  steps: [step],
};

export const departments = [
  { key: 'general-office', name: { en: 'General Office', zh: '綜合辦公室' } },
  { key: 'hr', name: { en: 'Human Resources', zh: '人事室' } },
];

/** What a person enters into one input block (keyed by block_id in `submittedState`). */
export type Entry =
  | { text: string }
  | { date: string }
  | { option: string }
  | { options: readonly string[] }
  | { user: string }
  | { files: readonly { id: string; name: string }[] };

/** A picked option as state.values carries it. */
const selected = (option: Option) => ({ text: option.text, value: option.value ?? '' });

function findOption(options: readonly PlainTextOption[] | undefined, value: string) {
  const found = options?.find((o) => o.value === value);
  if (!found) throw new Error(`No option ${value}`);
  return selected(found);
}

function optionsOf(element: InputBlockElement): PlainTextOption[] {
  if (element.type === 'static_select') {
    return [...(element.options ?? []), ...(element.option_groups ?? []).flatMap((g) => g.options)];
  }
  if (element.type === 'checkboxes')
    return element.options.filter((o): o is PlainTextOption => o.text.type === 'plain_text');
  return [];
}

/** Slack's entry for an element nobody touched: its initial value. */
function untouched(element: InputBlockElement): SlackStateValue {
  switch (element.type) {
    case 'plain_text_input':
    case 'number_input':
      return { type: element.type, value: element.initial_value ?? null };
    case 'datepicker':
      return { type: element.type, selected_date: element.initial_date ?? null };
    case 'static_select':
      return {
        type: element.type,
        selected_option: element.initial_option ? selected(element.initial_option) : null,
      };
    case 'users_select':
      return { type: element.type, selected_user: element.initial_user ?? null };
    case 'checkboxes':
      return { type: element.type, selected_options: (element.initial_options ?? []).map(selected) };
    case 'file_input':
      return { type: element.type, files: [] };
    default:
      throw new Error(`Unexpected element ${element.type}`);
  }
}

function entered(element: InputBlockElement, entry: Entry): SlackStateValue {
  const type = element.type;
  if ('text' in entry && (type === 'plain_text_input' || type === 'number_input')) {
    return { type, value: entry.text };
  }
  if ('date' in entry && type === 'datepicker') return { type, selected_date: entry.date };
  if ('option' in entry && type === 'static_select') {
    return { type, selected_option: findOption(optionsOf(element), entry.option) };
  }
  if ('options' in entry && type === 'checkboxes') {
    return { type, selected_options: entry.options.map((v) => findOption(optionsOf(element), v)) };
  }
  if ('user' in entry && type === 'users_select') return { type, selected_user: entry.user };
  if ('files' in entry && type === 'file_input') {
    return {
      type,
      files: entry.files.map((f) => ({ ...f, title: f.name, mimetype: 'application/pdf', created: 1 })),
    };
  }
  throw new Error(`Cannot enter ${JSON.stringify(entry)} into a ${type}`);
}

export const inputBlocks = (view: ModalView): InputBlock[] =>
  view.blocks.filter((b): b is InputBlock => b.type === 'input');

/**
 * `view.state.values` as Slack sends it on submission: an entry for every input block of the
 * modal, what the person entered where they did, else the initial value.
 */
export function submittedState(view: ModalView, entries: Record<string, Entry> = {}): SlackStateValues {
  const state: SlackStateValues = {};
  for (const block of inputBlocks(view)) {
    const blockId = block.block_id ?? '';
    const actionId = block.element.action_id ?? '';
    const entry = entries[blockId];
    state[blockId] = { [actionId]: entry ? entered(block.element, entry) : untouched(block.element) };
  }
  const unknown = Object.keys(entries).filter((id) => !(id in state));
  if (unknown.length > 0) throw new Error(`No input blocks ${unknown.join(', ')}`);
  return state;
}
