import type { TemplateInput } from '../template-schema';

/** 請假: leave with half days; a leader also approves more than three working days. */
export const leaveTemplate: TemplateInput = {
  key: 'leave',
  prefix: 'LV',
  title: { en: 'Leave request', zh: '請假' },
  description: {
    en: 'Take leave: your department head approves; a leader too for more than 3 working days.',
    zh: '請假：由部門主管核准；超過 3 個工作天另需首長核准。',
  },
  fields: [
    {
      id: 'leave_type',
      type: 'select',
      required: true,
      label: { en: 'Leave type', zh: '假別' },
      options: [
        { value: 'annual', label: { en: 'Annual leave', zh: '特休' } },
        { value: 'sick', label: { en: 'Sick leave', zh: '病假' } },
        { value: 'personal', label: { en: 'Personal leave', zh: '事假' } },
        { value: 'marriage', label: { en: 'Marriage leave', zh: '婚假' } },
        { value: 'bereavement', label: { en: 'Bereavement leave', zh: '喪假' } },
        { value: 'maternity_paternity', label: { en: 'Maternity/paternity leave', zh: '產假／陪產假' } },
        { value: 'official_business', label: { en: 'Official business', zh: '公假' } },
        { value: 'compensatory', label: { en: 'Compensatory leave', zh: '補休' } },
      ],
    },
    { id: 'start', type: 'half_day_date', required: true, label: { en: 'From', zh: '開始' } },
    { id: 'end', type: 'half_day_date', required: true, label: { en: 'To', zh: '結束' } },
    { id: 'reason', type: 'long_text', required: true, maxLength: 1000, label: { en: 'Reason', zh: '事由' } },
    { id: 'attachments', type: 'files', maxFiles: 5, label: { en: 'Attachments', zh: '附件' } },
  ],
  computed: [
    {
      id: 'working_days',
      kind: 'working_days',
      start: 'start',
      end: 'end',
      label: { en: 'Working days', zh: '工作天數' },
    },
  ],
  checks: [
    { kind: 'date_order', start: 'start', end: 'end' },
    { kind: 'max_days_in_past', field: 'start', days: 30 },
    // A leave starts within a year and lasts at most 90 calendar days (longer ones, such as
    // parental leave, are agreed with HR; a template version can change both).
    { kind: 'max_days_ahead', field: 'start', days: 365 },
    { kind: 'max_span_days', start: 'start', end: 'end', days: 90 },
    { kind: 'no_overlap_with_own', start: 'start', end: 'end' },
    { kind: 'positive_working_days', computed: 'working_days' },
  ],
  subjectFields: ['leave_type', 'start', 'end'],
  steps: [
    {
      key: 'department_head',
      name: { en: 'Department head', zh: '部門主管' },
      approvers: { rule: 'department_head' },
      mode: 'one',
    },
    {
      key: 'leader',
      name: { en: 'Leader', zh: '機關首長' },
      approvers: { rule: 'role', role: 'leader' },
      mode: 'any',
      condition: { field: 'working_days', op: 'gt', value: 3 },
    },
  ],
  // Personnel keeps the attendance records.
  cc: [{ who: { rule: 'department_head_of', departmentKey: 'hr' }, when: 'approved' }],
};
