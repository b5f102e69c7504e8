import type { AnnouncementContent, AnnouncementView } from '../../src/domain/announcements';
import type { PersonProfile } from '../../src/domain/org/directory.service';
import { templateSchema } from '../../src/domain/workflows/template-schema';
import type {
  InstanceView,
  Page,
  PersonRef,
  TaskView,
  TemplateInfo,
} from '../../src/domain/workflows/view-types';

/** Small typed inputs for the view tests: requests, tasks, templates, announcements, profiles. */

export const page = <T>(items: T[], total = items.length, offset = 0): Page<T> => ({
  items,
  total,
  offset,
  limit: Math.max(items.length, 1),
});

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

/** Fiona's published office-move notice to everyone, asking for acknowledgement. */
export function officeMove(
  overrides: Partial<AnnouncementView> = {},
  content: Partial<AnnouncementContent> = {},
): AnnouncementView {
  return {
    id: 7,
    reference: 'ANN-2026-0007',
    status: 'published',
    author: { personId: 6, slackUserId: 'U01FIONA0', name: 'Fiona Lin' },
    department: { key: 'general-office', name: { en: 'General Office', zh: '綜合辦公室' } },
    content: {
      title: 'Office move',
      body: 'We move to *Floor 5* on Monday.',
      category: 'notice',
      importance: 'normal',
      audience: 'everyone',
      departmentKeys: [],
      channelIds: ['C0GENERAL'],
      requireAck: true,
      publishAt: null,
      expiresAt: null,
      ...content,
    },
    version: 1,
    edited: false,
    publishedAt: '2026-12-01T02:00:00.000Z',
    withdrawnAt: null,
    withdrawnBy: null,
    audienceDepartments: [],
    review: null,
    createdAt: '2026-12-01T01:00:00.000Z',
    ...overrides,
  };
}

/** Alice, an administrator who heads the General Office. */
export const aliceProfile = (overrides: Partial<PersonProfile> = {}): PersonProfile => ({
  id: 1,
  slackUserId: 'U01ALICE0',
  email: 'alice@example.org',
  name: 'Alice Chen',
  departmentId: 1,
  position: 'Director',
  contact: '+886 2 1234 5678',
  roles: ['admin'],
  status: 'active',
  locale: null,
  timezone: null,
  department: { key: 'general-office', name: 'General Office', nameZh: '綜合辦公室' },
  headOf: [{ key: 'general-office', name: 'General Office', nameZh: '綜合辦公室' }],
  ...overrides,
});
