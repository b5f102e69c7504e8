import type { Locale } from '../../src/config';
import { templateSchema } from '../../src/domain/workflows/template-schema';
import type { InstanceView, Page, PersonRef, TaskView, TemplateInfo } from '../../src/domain/workflows/types';
import { messageBlockProblems, viewProblems } from '../../src/sandbox/block-kit-limits';
import { type Translate, translator } from '../../src/slack/i18n';

/**
 * What the view tests (test/unit/slack/views/) share: the reader in each language, readers of
 * rendered Block Kit (its text, its buttons), the Block Kit limit checks the emulator applies,
 * and small typed requests and tasks to render.
 */

export interface Reader {
  t: Translate;
  locale: Locale;
  timezone: string;
}

export const EN: Reader = { t: translator('en'), locale: 'en', timezone: 'Asia/Taipei' };
export const ZH: Reader = { t: translator('zh-TW'), locale: 'zh-TW', timezone: 'Asia/Taipei' };

/** Every `text` string in a rendered value (blocks, a view, a message), in order, one a line. */
export function textOf(value: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'text' && typeof child === 'string') texts.push(child);
        else walk(child);
      }
    }
  };
  walk(value);
  return texts.join('\n');
}

export interface ButtonSeen {
  actionId: string;
  value: string | undefined;
  label: string;
  style: string | undefined;
}

/** Every button in rendered blocks, in order. */
export function buttonsOf(value: unknown): ButtonSeen[] {
  const found: ButtonSeen[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      const element = node as {
        type?: unknown;
        action_id?: string;
        value?: string;
        style?: string;
        text?: unknown;
      };
      if (element.type === 'button') {
        found.push({
          actionId: String(element.action_id),
          value: element.value,
          label: textOf(element.text),
          style: element.style,
        });
      }
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(value);
  return found;
}

/** The problems Slack would answer for a message's blocks (none expected). */
export const messageProblems = (message: { blocks: unknown }) => messageBlockProblems(message.blocks);
export const modalProblems = (view: unknown) => viewProblems(view, 'modal');

export const page = <T>(items: T[], total = items.length, offset = 0): Page<T> => ({
  items,
  total,
  offset,
  limit: Math.max(items.length, 1),
});

export const ALICE: PersonRef = { personId: 1, slackUserId: 'U01ALICE0', name: 'Alice Chen' };
export const BOB: PersonRef = { personId: 2, slackUserId: 'U01BOB000', name: 'Bob Wang' };
export const EVAN: PersonRef = { personId: 5, slackUserId: 'U01EVAN00', name: 'Evan Lee' };

/** A one-step leave request by Evan, in review, submitted 2026-12-01 09:00 Taipei time. */
export function leaveRequest(overrides: Partial<InstanceView> = {}): InstanceView {
  return {
    id: 41,
    reference: 'LV-2026-0041',
    template: { key: 'leave', version: 1, title: { en: 'Leave', zh: '請假' }, prefix: 'LV' },
    subject: { en: 'Annual leave 12-08', zh: '特休 12-08' },
    status: 'in_review',
    revision: 1,
    requester: {
      ...EVAN,
      department: { key: 'general-office', name: { en: 'General Office', zh: '綜合辦公室' } },
    },
    fields: [],
    values: {},
    steps: [],
    currentStepIndex: 0,
    stepCount: 1,
    cc: [],
    createdAt: '2026-12-01T01:00:00.000Z',
    updatedAt: '2026-12-01T01:00:00.000Z',
    decidedAt: null,
    documentNumber: null,
    comments: [],
    departmentNames: {},
    revisions: [],
    history: [],
    card: null,
    ...overrides,
  };
}

/** Bob's pending task on `leaveRequest()`, due 2026-12-02 17:00 Taipei time. */
export function leaveTask(overrides: Partial<TaskView> = {}): TaskView {
  return {
    taskId: 77,
    instance: leaveRequest(),
    revision: 1,
    stepIndex: 0,
    stepCount: 1,
    stepName: { en: 'Department head', zh: '部門主管' },
    mode: 'one',
    assignee: BOB,
    onBehalfOf: null,
    delegationId: null,
    status: 'pending',
    createdAt: '2026-12-01T01:00:00.000Z',
    decidedAt: null,
    comment: null,
    dueAt: '2026-12-02T09:00:00.000Z',
    autoHandling: null,
    card: null,
    ...overrides,
  };
}

/** The seven decision buttons of a task card, as `taskButtons` renders them. */
export const decisionButtons = (taskId: number, instanceId: number) => [
  ['wf_approve', String(taskId)],
  ['wf_approve_comment', String(taskId)],
  ['wf_reject', String(taskId)],
  ['wf_return', String(taskId)],
  ['wf_transfer', String(taskId)],
  ['wf_comment', String(instanceId)],
  ['wf_details', String(instanceId)],
];

/** A valid one-field, one-step template titled `en` / `zh` (parsed by the real schema). */
export function simpleTemplate(
  key: string,
  en: string,
  zh: string,
  purpose: 'request' | 'registration' = 'request',
): TemplateInfo {
  const definition = templateSchema.parse({
    key,
    prefix: 'TT',
    purpose,
    title: { en, zh },
    fields: [{ id: 'title', type: 'text', label: { en: 'Title', zh: '標題' } }],
    subjectFields: ['title'],
    steps: [{ key: 'head', name: { en: 'Head', zh: '主管' }, approvers: { rule: 'department_head' } }],
  });
  return {
    key: definition.key,
    version: 1,
    title: definition.title,
    description: null,
    prefix: definition.prefix,
    purpose: definition.purpose,
    fields: definition.fields,
    computed: definition.computed,
    definition,
  };
}
