/**
 * Slack rejects Block Kit that breaks its limits (see docs/slack-platform.md). The emulator
 * checks the same limits so an app that would fail in a real workspace fails here too, with
 * Slack's message format: `[ERROR] <problem> [json-pointer:/blocks/0/text/text]`.
 */
import { asArray, isObject, type JsonObject, textOf } from './json';

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  privateMetadata: 3000,
  modalTitle: 24,
  actionsElements: 25,
  staticSelectOptions: 100,
  plainTextInputMaxLength: 3000,
  fileInputMaxFiles: 10,
} as const;

const SELECTS_WITH_OPTIONS = new Set(['static_select', 'multi_static_select']);

function tooLong(max: number, pointer: string): string {
  return `[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`;
}

function checkElement(element: JsonObject, pointer: string, problems: string[]): void {
  const actionId = element.action_id;
  if (typeof actionId === 'string' && actionId.length > BLOCK_KIT_LIMITS.id) {
    problems.push(tooLong(BLOCK_KIT_LIMITS.id, `${pointer}/action_id`));
  }
  if (element.type === 'button') {
    if (textOf(element.text).length > BLOCK_KIT_LIMITS.buttonText) {
      problems.push(tooLong(BLOCK_KIT_LIMITS.buttonText, `${pointer}/text/text`));
    }
    if (typeof element.value === 'string' && element.value.length > BLOCK_KIT_LIMITS.buttonValue) {
      problems.push(tooLong(BLOCK_KIT_LIMITS.buttonValue, `${pointer}/value`));
    }
  }
  if (typeof element.type === 'string' && SELECTS_WITH_OPTIONS.has(element.type)) {
    const count = asArray(element.options).length;
    if (count > BLOCK_KIT_LIMITS.staticSelectOptions) {
      problems.push(
        `[ERROR] must provide no more than ${BLOCK_KIT_LIMITS.staticSelectOptions} items [json-pointer:${pointer}/options]`,
      );
    }
  }
  if (
    element.type === 'plain_text_input' &&
    typeof element.max_length === 'number' &&
    element.max_length > BLOCK_KIT_LIMITS.plainTextInputMaxLength
  ) {
    problems.push(
      `[ERROR] must be at most ${BLOCK_KIT_LIMITS.plainTextInputMaxLength} [json-pointer:${pointer}/max_length]`,
    );
  }
  if (element.type === 'file_input' && element.max_files !== undefined) {
    const max = element.max_files;
    if (
      typeof max !== 'number' ||
      !Number.isInteger(max) ||
      max < 1 ||
      max > BLOCK_KIT_LIMITS.fileInputMaxFiles
    ) {
      problems.push(
        `[ERROR] must be between 1 and ${BLOCK_KIT_LIMITS.fileInputMaxFiles} [json-pointer:${pointer}/max_files]`,
      );
    }
  }
}

function checkBlock(block: unknown, pointer: string, problems: string[]): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    problems.push(`[ERROR] missing required field: type [json-pointer:${pointer}]`);
    return;
  }
  if (typeof block.block_id === 'string' && block.block_id.length > BLOCK_KIT_LIMITS.id) {
    problems.push(tooLong(BLOCK_KIT_LIMITS.id, `${pointer}/block_id`));
  }
  switch (block.type) {
    case 'section': {
      if (textOf(block.text).length > BLOCK_KIT_LIMITS.sectionText) {
        problems.push(tooLong(BLOCK_KIT_LIMITS.sectionText, `${pointer}/text/text`));
      }
      const fields = asArray(block.fields);
      if (fields.length > BLOCK_KIT_LIMITS.sectionFields) {
        problems.push(
          `[ERROR] must provide no more than ${BLOCK_KIT_LIMITS.sectionFields} items [json-pointer:${pointer}/fields]`,
        );
      }
      fields.forEach((field, i) => {
        if (textOf(field).length > BLOCK_KIT_LIMITS.sectionFieldText) {
          problems.push(tooLong(BLOCK_KIT_LIMITS.sectionFieldText, `${pointer}/fields/${i}/text`));
        }
      });
      if (!block.text && fields.length === 0) {
        problems.push(`[ERROR] must provide either text or fields [json-pointer:${pointer}]`);
      }
      if (isObject(block.accessory)) checkElement(block.accessory, `${pointer}/accessory`, problems);
      break;
    }
    case 'header':
      if (textOf(block.text).length > BLOCK_KIT_LIMITS.headerText) {
        problems.push(tooLong(BLOCK_KIT_LIMITS.headerText, `${pointer}/text/text`));
      }
      break;
    case 'actions': {
      const elements = asArray(block.elements);
      if (elements.length > BLOCK_KIT_LIMITS.actionsElements) {
        problems.push(
          `[ERROR] must provide no more than ${BLOCK_KIT_LIMITS.actionsElements} items [json-pointer:${pointer}/elements]`,
        );
      }
      elements.forEach((element, i) => {
        if (isObject(element)) checkElement(element, `${pointer}/elements/${i}`, problems);
      });
      break;
    }
    case 'input':
      if (!isObject(block.element)) {
        problems.push(`[ERROR] missing required field: element [json-pointer:${pointer}]`);
      } else {
        checkElement(block.element, `${pointer}/element`, problems);
      }
      if (!isObject(block.label)) {
        problems.push(`[ERROR] missing required field: label [json-pointer:${pointer}]`);
      }
      break;
    default:
      break;
  }
}

function checkBlocks(blocks: unknown, max: number, problems: string[]): void {
  if (!Array.isArray(blocks)) {
    problems.push('[ERROR] must be an array [json-pointer:/blocks]');
    return;
  }
  if (blocks.length > max) {
    problems.push(`[ERROR] must provide no more than ${max} items [json-pointer:/blocks]`);
  }
  blocks.forEach((block, i) => {
    checkBlock(block, `/blocks/${i}`, problems);
  });
}

/** Problems with a message's `blocks`; empty when Slack would accept them. */
export function messageBlockProblems(blocks: unknown): string[] {
  const problems: string[] = [];
  checkBlocks(blocks, BLOCK_KIT_LIMITS.messageBlocks, problems);
  return problems;
}

/** Problems with a view payload; empty when Slack would accept it. */
export function viewProblems(view: unknown, expectedType: 'modal' | 'home'): string[] {
  if (!isObject(view)) return ['[ERROR] must be an object [json-pointer:/view]'];
  const problems: string[] = [];
  if (view.type !== expectedType) {
    problems.push(`[ERROR] must be '${expectedType}' [json-pointer:/view/type]`);
  }
  checkBlocks(view.blocks, BLOCK_KIT_LIMITS.surfaceBlocks, problems);
  if (
    typeof view.private_metadata === 'string' &&
    view.private_metadata.length > BLOCK_KIT_LIMITS.privateMetadata
  ) {
    problems.push(tooLong(BLOCK_KIT_LIMITS.privateMetadata, '/view/private_metadata'));
  }
  if (typeof view.callback_id === 'string' && view.callback_id.length > BLOCK_KIT_LIMITS.id) {
    problems.push(tooLong(BLOCK_KIT_LIMITS.id, '/view/callback_id'));
  }
  if (expectedType === 'modal') {
    if (!isObject(view.title)) problems.push('[ERROR] missing required field: title [json-pointer:/view]');
    for (const key of ['title', 'submit', 'close'] as const) {
      if (textOf(view[key]).length > BLOCK_KIT_LIMITS.modalTitle) {
        problems.push(tooLong(BLOCK_KIT_LIMITS.modalTitle, `/view/${key}/text`));
      }
    }
    const hasInput = asArray(view.blocks).some((b) => isObject(b) && b.type === 'input');
    if (hasInput && !isObject(view.submit)) {
      problems.push(
        '[ERROR] submit is required when an input block is within the blocks array [json-pointer:/view]',
      );
    }
  }
  return problems;
}
