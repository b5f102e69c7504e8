import type {
  Checkboxes,
  Datepicker,
  FileInput,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  PlainTextInput,
  PlainTextOption,
  StaticSelect,
  UsersSelect,
} from '@slack/types';
import type { Locale } from '../../../config';
import type { FormValue, HalfDayPart, LocalizedText } from '../../../domain/workflows/model';
import type { FieldDefinition } from '../../../domain/workflows/template-schema';
import type { DepartmentRef, TemplateInfo } from '../../../domain/workflows/view-types';
import {
  clip,
  FORM_INTRO_BLOCK_ID,
  fieldBlockId,
  halfDayDateActionId,
  halfDayDateBlockId,
  halfDayPartActionId,
  halfDayPartBlockId,
} from '../../forms/form-ids';
import type { Translate } from '../../i18n';
import { context, escapeMrkdwn } from '../blocks';
import { localized } from '../format';

/** Slack's limits for modals and their inputs (docs/slack-platform.md, @slack/types). */
export const MODAL_LIMITS = {
  blocks: 100,
  title: 24,
  privateMetadata: 3000,
  id: 255,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  textInput: 3000,
  staticOptions: 100,
  optionGroups: 100,
  fileInputMaxFiles: 10,
} as const;

export const HALF_DAY_PARTS: readonly HalfDayPart[] = ['full', 'am', 'pm'];
/** The value of the one option of a `checkbox` field. */
export const CHECKBOX_VALUE = 'yes';

/** Room for the longest number anyone means, grouped, with a fraction and a sign. */
const NUMBER_MAX_LENGTH = 40;

export interface RequestModalProps {
  template: TemplateInfo;
  t: Translate;
  locale: Locale;
  /** Values to pre-fill, e.g. the current revision when the requester resubmits. */
  values?: Readonly<Record<string, FormValue | undefined>>;
  privateMetadata: string;
  callbackId: string;
  /** Defaults to the template's title; cut to 24 characters either way. */
  title?: string;
  /** Defaults to "Submit". */
  submit?: string;
  /** The choices of `department` fields (registration). Required when the template has one. */
  departments?: readonly DepartmentRef[];
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(text, max) });

const option = (text: string, value: string): PlainTextOption => ({
  text: plain(text, MODAL_LIMITS.optionText),
  value,
});

function inputBlock(
  blockId: string,
  label: string,
  element: InputBlockElement,
  optional: boolean,
  hint?: string,
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, MODAL_LIMITS.label),
    element,
    optional,
    ...(hint ? { hint: plain(hint, MODAL_LIMITS.hint) } : {}),
  };
}

const isHalfDay = (value: FormValue | undefined): value is { date: string; part: HalfDayPart } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'date' in value;

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Departments as select options; past 100 they go into groups of 100 (Slack's limits). */
function departmentChoices(
  departments: readonly DepartmentRef[],
  locale: Locale,
): Pick<StaticSelect, 'options' | 'option_groups'> & { all: PlainTextOption[] } {
  const all = departments.map((d) => option(localized(d.name, locale), d.key));
  if (all.length <= MODAL_LIMITS.staticOptions) return { options: all, all };
  const groups: NonNullable<StaticSelect['option_groups']> = [];
  for (
    let i = 0;
    i < all.length && groups.length < MODAL_LIMITS.optionGroups;
    i += MODAL_LIMITS.staticOptions
  ) {
    const chunk = all.slice(i, i + MODAL_LIMITS.staticOptions);
    const first = chunk[0]?.text.text ?? '';
    const last = chunk[chunk.length - 1]?.text.text ?? '';
    groups.push({ label: plain(`${first} – ${last}`, MODAL_LIMITS.optionText), options: chunk });
  }
  return { option_groups: groups, all };
}

function fieldBlocks(field: FieldDefinition, props: RequestModalProps): InputBlock[] {
  const { t, locale } = props;
  const text = (value: LocalizedText) => localized(value, locale);
  const label = text(field.label);
  const hint = field.help ? text(field.help) : undefined;
  const optional = !field.required;
  const value = props.values?.[field.id];
  const placeholder = (key: Parameters<Translate>[0]) => plain(t(key), MODAL_LIMITS.placeholder);
  const single = (element: InputBlockElement, opts: { optional?: boolean; hint?: string } = {}) => [
    inputBlock(
      fieldBlockId(field.id),
      label,
      element,
      opts.optional ?? optional,
      'hint' in opts ? opts.hint : hint,
    ),
  ];

  switch (field.type) {
    case 'text':
    case 'long_text': {
      const max = Math.min(field.maxLength, MODAL_LIMITS.textInput);
      const element: PlainTextInput = {
        type: 'plain_text_input',
        action_id: field.id,
        max_length: max,
        ...(field.type === 'long_text' ? { multiline: true } : {}),
        ...(field.minLength ? { min_length: Math.min(field.minLength, max) } : {}),
        ...(typeof value === 'string' && value !== '' ? { initial_value: value.slice(0, max) } : {}),
      };
      return single(element);
    }
    case 'date': {
      const element: Datepicker = {
        type: 'datepicker',
        action_id: field.id,
        placeholder: placeholder('forms.placeholder.date'),
        ...(isDate(value) ? { initial_date: value } : {}),
      };
      return single(element);
    }
    case 'half_day_date': {
      const date: Datepicker = {
        type: 'datepicker',
        action_id: halfDayDateActionId(field.id),
        placeholder: placeholder('forms.placeholder.date'),
        ...(isHalfDay(value) && isDate(value.date) ? { initial_date: value.date } : {}),
      };
      const parts = HALF_DAY_PARTS.map((part) => option(t(`forms.halfDay.${part}`), part));
      const initialPart = (isHalfDay(value) && parts.find((o) => o.value === value.part)) || parts[0];
      const part: StaticSelect = {
        type: 'static_select',
        action_id: halfDayPartActionId(field.id),
        options: parts,
        ...(initialPart ? { initial_option: initialPart } : {}),
      };
      return [
        inputBlock(halfDayDateBlockId(field.id), label, date, optional, hint),
        inputBlock(halfDayPartBlockId(field.id), t('forms.halfDay.partLabel', { label }), part, optional),
      ];
    }
    case 'number': {
      // A text input, not number_input: Slack's number_input refuses "1,250,000" and full-width
      // digits before we see them, although cards show budgets grouped. The engine parses and
      // checks the limits, and says what is wrong in the person's language (issue 13 item 17).
      const element: PlainTextInput = {
        type: 'plain_text_input',
        action_id: field.id,
        max_length: NUMBER_MAX_LENGTH,
        ...(typeof value === 'number' && Number.isFinite(value) ? { initial_value: String(value) } : {}),
      };
      const withUnit = field.unit ? t('forms.label.withUnit', { label, unit: text(field.unit) }) : label;
      return [inputBlock(fieldBlockId(field.id), withUnit, element, optional, hint)];
    }
    case 'select': {
      const options = field.options
        .slice(0, MODAL_LIMITS.staticOptions)
        .map((o) => option(text(o.label), o.value));
      const initial = options.find((o) => o.value === value);
      const element: StaticSelect = {
        type: 'static_select',
        action_id: field.id,
        placeholder: placeholder('forms.placeholder.select'),
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
      return single(element);
    }
    case 'user': {
      const element: UsersSelect = {
        type: 'users_select',
        action_id: field.id,
        placeholder: placeholder('forms.placeholder.user'),
        ...(typeof value === 'string' && value !== '' ? { initial_user: value } : {}),
      };
      return single(element);
    }
    case 'department': {
      const departments = props.departments ?? [];
      if (departments.length === 0) {
        throw new Error(`Template ${props.template.key}: field ${field.id} needs departments to choose from`);
      }
      const { all, ...choices } = departmentChoices(departments, locale);
      const initial = all.find((o) => o.value === value);
      const element: StaticSelect = {
        type: 'static_select',
        action_id: field.id,
        placeholder: placeholder('forms.placeholder.department'),
        ...choices,
        ...(initial ? { initial_option: initial } : {}),
      };
      return single(element);
    }
    case 'files': {
      const element: FileInput = {
        type: 'file_input',
        action_id: field.id,
        max_files: Math.min(field.maxFiles, MODAL_LIMITS.fileInputMaxFiles),
      };
      // Slack cannot pre-fill a file input: name what is attached now, and let an empty input
      // keep it (readSubmission's `previous`), so a required field need not be uploaded again.
      const current = Array.isArray(value) ? value.map((file) => file.name).filter(Boolean) : [];
      if (current.length === 0) return single(element);
      const note = t('forms.files.current', { files: current.join(', ') });
      return single(element, { optional: true, hint: hint ? `${hint}\n${note}` : note });
    }
    case 'checkbox': {
      const yes = option(t('forms.checkbox.yes'), CHECKBOX_VALUE);
      const element: Checkboxes = {
        type: 'checkboxes',
        action_id: field.id,
        options: [yes],
        ...(value === true ? { initial_options: [yes] } : {}),
      };
      return single(element);
    }
  }
}

/**
 * The modal for starting (or resubmitting) a request from a template: one input block per
 * field (two for half-day dates), labels and hints in the reader's language.
 * Throws when the template or the caller's metadata would break Slack's limits: that is a
 * programming error, not something the person filling in the form can fix.
 */
export function requestModal(props: RequestModalProps): ModalView {
  const { template, t, locale, privateMetadata, callbackId } = props;
  if (privateMetadata.length > MODAL_LIMITS.privateMetadata) {
    throw new Error(
      `private_metadata is ${privateMetadata.length} characters; Slack allows ${MODAL_LIMITS.privateMetadata}`,
    );
  }
  if (callbackId.length > MODAL_LIMITS.id) {
    throw new Error(`callback_id is ${callbackId.length} characters; Slack allows ${MODAL_LIMITS.id}`);
  }
  const blocks: KnownBlock[] = [];
  if (template.description) {
    blocks.push({
      ...context(escapeMrkdwn(localized(template.description, locale))),
      block_id: FORM_INTRO_BLOCK_ID,
    });
  }
  for (const field of template.fields) blocks.push(...fieldBlocks(field, props));
  if (blocks.length > MODAL_LIMITS.blocks) {
    throw new Error(
      `Template ${template.key} needs ${blocks.length} blocks; a modal holds ${MODAL_LIMITS.blocks}`,
    );
  }
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: privateMetadata,
    // Slack refuses empty texts here, so an empty override falls back too.
    title: plain(props.title || localized(template.title, locale), MODAL_LIMITS.title),
    submit: plain(props.submit || t('forms.submit'), MODAL_LIMITS.title),
    close: plain(t('forms.close'), MODAL_LIMITS.title),
    blocks,
  };
}
