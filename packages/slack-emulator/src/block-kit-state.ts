/**
 * What a Slack client does with Block Kit: fills in missing ids, finds the buttons and inputs a
 * person can use, and turns what they typed or picked into Slack's `state.values` and action
 * shapes. Pure functions, so the browser UI can reuse them.
 */
import { BLOCK_KIT_LIMITS } from './block-kit-limits';
import { type ClientSay, clientMessages } from './client-messages';
import { generatedBlockKitId } from './ids';
import { asArray, asObjects, asString, clone, isObject, type JsonObject, textOf } from './json';
import type { Block, StateValue, StateValues } from './types';

/** Where interactive elements live: actions blocks, section accessories and input blocks. */
export interface LocatedElement {
  blockId: string;
  actionId: string;
  element: JsonObject;
  /** Human text near the element, to match on: its own text, placeholder, or the section's text. */
  label: string;
}

export interface ModalInput {
  blockId: string;
  actionId: string;
  label: string;
  optional: boolean;
  dispatchAction: boolean;
  element: JsonObject;
}

/** A file a person picks from their computer for a `file_input`. */
export interface FileToUpload {
  name: string;
  /** The bytes; a string is taken as UTF-8. */
  content: string | Uint8Array;
  /** Guessed from the name's extension when left out. */
  mimetype?: string;
  /** Defaults to the name. */
  title?: string;
}

/** What a person attaches to a `file_input`: `{ files: [] }` empties it. */
export interface FileFill {
  files: readonly FileToUpload[];
}

/**
 * A value a person can type or pick: text, a number, a date, an option's text or value, ids,
 * lists, or files for a `file_input`.
 */
export type FillValue = string | number | boolean | readonly string[] | FileFill;

/** Resolves what a person picks in user / conversation selects, so tests may use names. */
export interface EntityLookup {
  userId(nameOrId: string): string | undefined;
  conversationId(nameOrId: string): string | undefined;
  /** Uploads the files a person attaches to a file_input; returns Slack's file objects. */
  uploadFiles?(files: readonly FileToUpload[]): JsonObject[];
}

/** Slack's limits on what a `file_input` takes. */
export const FILE_INPUT_LIMITS = {
  /** `max_files` defaults to 10 and may not exceed it. */
  maxFiles: BLOCK_KIT_LIMITS.fileInputMaxFiles,
  /** Each file at most 10 MB. */
  fileBytes: 10 * 1024 * 1024,
} as const;

export function isFileFill(value: FillValue): value is FileFill {
  return typeof value === 'object' && !Array.isArray(value) && value !== null && 'files' in value;
}

const NON_INTERACTIVE = new Set(['image', 'plain_text', 'mrkdwn']);

function elementsOfBlock(block: JsonObject): JsonObject[] {
  if (block.type === 'actions') return asObjects(block.elements);
  if (block.type === 'section' && isObject(block.accessory)) return [block.accessory];
  if (block.type === 'input' && isObject(block.element)) return [block.element];
  return [];
}

/**
 * Slack assigns a `block_id` to every block and an `action_id` to every interactive element the
 * app left without one; payloads always carry both, so stored surfaces get them up front.
 */
export function withGeneratedIds(blocks: unknown): Block[] {
  return asObjects(clone(blocks)).map((raw) => {
    const block = raw as Block;
    if (typeof block.block_id !== 'string' || block.block_id === '') block.block_id = generatedBlockKitId();
    for (const element of elementsOfBlock(block)) {
      const interactive = typeof element.type === 'string' && !NON_INTERACTIVE.has(element.type);
      if (interactive && typeof element.action_id !== 'string') element.action_id = generatedBlockKitId();
    }
    return block;
  });
}

function elementLabel(element: JsonObject, block: JsonObject): string {
  const own = textOf(element.text) || textOf(element.placeholder);
  if (block.type === 'section') return own || textOf(block.text);
  if (block.type === 'input') return textOf(block.label);
  return own;
}

export function interactiveElements(blocks: readonly Block[]): LocatedElement[] {
  const found: LocatedElement[] = [];
  for (const block of blocks) {
    for (const element of elementsOfBlock(block)) {
      found.push({
        blockId: block.block_id ?? '',
        actionId: asString(element.action_id) ?? '',
        element,
        label: elementLabel(element, block),
      });
    }
  }
  return found;
}

export function buttonsIn(blocks: readonly Block[]): LocatedElement[] {
  return interactiveElements(blocks).filter((e) => e.element.type === 'button');
}

export function modalInputs(blocks: readonly Block[]): ModalInput[] {
  return blocks.flatMap((block) => {
    if (block.type !== 'input' || !isObject(block.element)) return [];
    return [
      {
        blockId: block.block_id ?? '',
        actionId: asString(block.element.action_id) ?? '',
        label: textOf(block.label),
        optional: block.optional === true,
        dispatchAction: block.dispatch_action === true,
        element: block.element,
      },
    ];
  });
}

/** Inputs are found by `block_id`, by the label a person reads, or by `action_id`. */
export function findInput(inputs: readonly ModalInput[], key: string): ModalInput | undefined {
  return (
    inputs.find((i) => i.blockId === key) ??
    inputs.find((i) => i.label.trim() === key.trim()) ??
    inputs.find((i) => i.actionId === key)
  );
}

export function optionsOf(element: JsonObject): JsonObject[] {
  const direct = asObjects(element.options);
  const grouped = asObjects(element.option_groups).flatMap((g) => asObjects(g.options));
  return [...direct, ...grouped];
}

/** An option is picked by its value or by the text a person sees. */
export function findOption(element: JsonObject, wanted: string | RegExp): JsonObject | undefined {
  const options = optionsOf(element);
  if (wanted instanceof RegExp) return options.find((o) => wanted.test(textOf(o.text)));
  return options.find((o) => o.value === wanted) ?? options.find((o) => textOf(o.text) === wanted);
}

function describeOptions(element: JsonObject): string {
  return optionsOf(element)
    .map((o) => `"${textOf(o.text)}" (${String(o.value)})`)
    .join(', ');
}

function pickOption(element: JsonObject, wanted: string, where: string): JsonObject {
  const option = findOption(element, wanted);
  if (!option) {
    throw new Error(`No option "${wanted}" in ${where}; options are: ${describeOptions(element) || 'none'}`);
  }
  return clone(option);
}

function asList(value: FillValue, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (isFileFill(value)) throw new Error(`${where} takes text or a choice, not files`);
  return [...value];
}

function asSingle(value: FillValue, where: string): string {
  const list = asList(value, where);
  if (list.length !== 1 || list[0] === undefined)
    throw new Error(`${where} takes one value, got ${list.length}`);
  return list[0];
}

function resolveOrThrow(resolve: (key: string) => string | undefined, key: string, what: string): string {
  const id = resolve(key);
  if (!id) throw new Error(`No ${what} "${key}" in the workspace`);
  return id;
}

/** Slack's entry in `state.values` for an element the person has not touched. */
export function initialStateValue(element: JsonObject): StateValue {
  const type = asString(element.type) ?? 'unknown';
  const optionOrNull = (v: unknown) => (isObject(v) ? clone(v) : null);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: asString(element.initial_value) ?? null };
    case 'rich_text_input':
      return { type, rich_text_value: isObject(element.initial_value) ? clone(element.initial_value) : null };
    case 'datepicker':
      return { type, selected_date: asString(element.initial_date) ?? null };
    case 'timepicker':
      return { type, selected_time: asString(element.initial_time) ?? null };
    case 'datetimepicker':
      return {
        type,
        selected_date_time: typeof element.initial_date_time === 'number' ? element.initial_date_time : null,
      };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: optionOrNull(element.initial_option) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: clone(asObjects(element.initial_options)) };
    case 'users_select':
      return { type, selected_user: asString(element.initial_user) ?? null };
    case 'multi_users_select':
      return { type, selected_users: asArray(element.initial_users).filter((v) => typeof v === 'string') };
    case 'conversations_select':
      return { type, selected_conversation: asString(element.initial_conversation) ?? null };
    case 'multi_conversations_select':
      return {
        type,
        selected_conversations: asArray(element.initial_conversations).filter((v) => typeof v === 'string'),
      };
    case 'channels_select':
      return { type, selected_channel: asString(element.initial_channel) ?? null };
    case 'multi_channels_select':
      return {
        type,
        selected_channels: asArray(element.initial_channels).filter((v) => typeof v === 'string'),
      };
    case 'file_input':
      // Slack cannot pre-fill a file input.
      return { type, files: [] };
    default:
      return { type };
  }
}

/**
 * The `state.values` entry after a person typed or picked `value` in `element`. Throws a message
 * that names the field and the choices when the value cannot be entered there, as a person
 * could not type a date into a user picker.
 */
export function stateValueFromFill(
  element: JsonObject,
  value: FillValue,
  lookup: EntityLookup,
  where: string,
): StateValue {
  const type = asString(element.type) ?? 'unknown';
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: asSingle(value, where) };
    case 'rich_text_input':
      return {
        type,
        rich_text_value: {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: asSingle(value, where) }] },
          ],
        },
      };
    case 'datepicker': {
      const date = asSingle(value, where);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
        throw new Error(`${where} takes a date as YYYY-MM-DD, got "${date}"`);
      return { type, selected_date: date };
    }
    case 'timepicker': {
      const time = asSingle(value, where);
      if (!/^\d{2}:\d{2}$/.test(time)) throw new Error(`${where} takes a time as HH:mm, got "${time}"`);
      return { type, selected_time: time };
    }
    case 'datetimepicker': {
      const seconds = Number(asSingle(value, where));
      if (!Number.isInteger(seconds)) throw new Error(`${where} takes Unix seconds`);
      return { type, selected_date_time: seconds };
    }
    case 'static_select':
    case 'radio_buttons':
    case 'overflow':
      return { type, selected_option: pickOption(element, asSingle(value, where), where) };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: asList(value, where).map((v) => pickOption(element, v, where)) };
    case 'users_select':
      return { type, selected_user: resolveOrThrow((k) => lookup.userId(k), asSingle(value, where), 'user') };
    case 'multi_users_select':
      return {
        type,
        selected_users: asList(value, where).map((v) => resolveOrThrow((k) => lookup.userId(k), v, 'user')),
      };
    case 'conversations_select':
      return {
        type,
        selected_conversation: resolveOrThrow(
          (k) => lookup.conversationId(k),
          asSingle(value, where),
          'conversation',
        ),
      };
    case 'multi_conversations_select':
      return {
        type,
        selected_conversations: asList(value, where).map((v) =>
          resolveOrThrow((k) => lookup.conversationId(k), v, 'conversation'),
        ),
      };
    case 'channels_select':
      return {
        type,
        selected_channel: resolveOrThrow((k) => lookup.conversationId(k), asSingle(value, where), 'channel'),
      };
    case 'multi_channels_select':
      return {
        type,
        selected_channels: asList(value, where).map((v) =>
          resolveOrThrow((k) => lookup.conversationId(k), v, 'channel'),
        ),
      };
    case 'file_input': {
      if (!isFileFill(value)) {
        throw new Error(`${where} is a file_input: fill it with { files: [{ name, content, mimetype? }] }`);
      }
      if (!lookup.uploadFiles) throw new Error(`${where} is a file_input, and files cannot be uploaded here`);
      return { type, files: lookup.uploadFiles(value.files) };
    }
    default:
      throw new Error(`${where} is a ${type}, which the emulator cannot fill in`);
  }
}

function isEmpty(value: StateValue): boolean {
  const { type: _type, ...rest } = value;
  return Object.values(rest).every((v) => v === null || v === '' || (Array.isArray(v) && v.length === 0));
}

/** What the Slack client says about files a file_input does not take: too many, wrong type, too big. */
function fileInputProblem(
  element: JsonObject,
  files: readonly JsonObject[],
  say: ClientSay,
): string | undefined {
  const max = typeof element.max_files === 'number' ? element.max_files : FILE_INPUT_LIMITS.maxFiles;
  if (files.length > max) return max === 1 ? say('oneFile') : say('files', { n: max });
  const allowed = asArray(element.filetypes)
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^\./, '').toLowerCase());
  if (allowed.length > 0) {
    const refused = files.find((file) => {
      const name = asString(file.name) ?? '';
      const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
      const filetype = (asString(file.filetype) ?? '').toLowerCase();
      return !allowed.includes(extension) && !allowed.includes(filetype);
    });
    if (refused) {
      return say('fileType', { name: asString(refused.name) ?? say('thisFile'), types: allowed.join(', ') });
    }
  }
  const tooBig = files.find(
    (file) => typeof file.size === 'number' && file.size > FILE_INPUT_LIMITS.fileBytes,
  );
  if (tooBig) return say('fileTooBig', { name: asString(tooBig.name) ?? say('aFile') });
  return undefined;
}

/**
 * Checks a Slack client makes before it sends a view_submission at all: required fields,
 * text length, numbers. Keyed by block_id like `response_action: 'errors'`; worded in the
 * person's Slack locale, as their client would.
 */
export function clientSideErrors(
  inputs: readonly ModalInput[],
  values: StateValues,
  slackLocale?: string,
): Record<string, string> {
  const say = clientMessages(slackLocale);
  const errors: Record<string, string> = {};
  for (const input of inputs) {
    const value = values[input.blockId]?.[input.actionId];
    if (!value || isEmpty(value)) {
      if (!input.optional) errors[input.blockId] = say('required');
      continue;
    }
    const { element } = input;
    if (element.type === 'file_input') {
      const problem = fileInputProblem(element, asObjects(value.files), say);
      if (problem) errors[input.blockId] = problem;
      continue;
    }
    const text = asString(value.value);
    if (text === undefined) continue;
    if (typeof element.min_length === 'number' && text.length < element.min_length) {
      errors[input.blockId] = say('tooShort', { n: element.min_length });
    } else if (typeof element.max_length === 'number' && text.length > element.max_length) {
      errors[input.blockId] = say('tooLong', { n: element.max_length });
    } else if (element.type === 'number_input') {
      const n = Number(text);
      const decimalAllowed = element.is_decimal_allowed === true;
      if (text.trim() === '' || Number.isNaN(n) || (!decimalAllowed && !Number.isInteger(n))) {
        errors[input.blockId] = say(decimalAllowed ? 'number' : 'wholeNumber');
      } else if (asString(element.min_value) !== undefined && n < Number(element.min_value)) {
        errors[input.blockId] = say('atLeast', { n: String(element.min_value) });
      } else if (asString(element.max_value) !== undefined && n > Number(element.max_value)) {
        errors[input.blockId] = say('atMost', { n: String(element.max_value) });
      }
    } else if (element.type === 'email_text_input' && !/^[^@\s]+@[^@\s]+$/.test(text)) {
      errors[input.blockId] = say('email');
    }
  }
  return errors;
}

/**
 * `state.values` for a surface: every input block (what the person entered, else the initial
 * value), plus whatever they picked in selects outside input blocks.
 */
export function buildStateValues(blocks: readonly Block[], entered: StateValues): StateValues {
  const values: StateValues = {};
  const put = (blockId: string, actionId: string, value: StateValue) => {
    values[blockId] = { ...values[blockId], [actionId]: value };
  };
  for (const located of interactiveElements(blocks)) {
    const typed = entered[located.blockId]?.[located.actionId];
    const isInput = blocks.some((b) => b.block_id === located.blockId && b.type === 'input');
    if (typed && typed.type === located.element.type) put(located.blockId, located.actionId, clone(typed));
    else if (isInput) put(located.blockId, located.actionId, initialStateValue(located.element));
  }
  return values;
}

/** The `actions[]` entry of a block_actions payload. */
export function actionPayload(located: LocatedElement, actionTs: string, picked?: StateValue): JsonObject {
  const { element } = located;
  const base: JsonObject = { type: element.type, action_id: located.actionId, block_id: located.blockId };
  if (element.type === 'button') {
    base.text = clone(element.text);
    if (element.value !== undefined) base.value = element.value;
    if (element.style !== undefined) base.style = element.style;
    if (element.url !== undefined) base.url = element.url;
  } else if (picked) {
    const { type: _type, ...fields } = picked;
    Object.assign(base, clone(fields));
    if (element.placeholder !== undefined) base.placeholder = clone(element.placeholder);
  }
  base.action_ts = actionTs;
  return base;
}
