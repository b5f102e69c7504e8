import type { TemplateInput } from '../template-schema';

/** Above this budget (NT$) the head of Finance also approves. */
export const PROJECT_FINANCE_THRESHOLD = 1_000_000;

/** 項目申報: a project application; large budgets also go to Finance. */
export const projectTemplate: TemplateInput = {
  key: 'project',
  prefix: 'PRJ',
  title: { en: 'Project application', zh: '項目申報' },
  description: {
    en: `Apply for a project: your department head approves; Finance too above NT$${PROJECT_FINANCE_THRESHOLD.toLocaleString('en-US')}.`,
    zh: `項目申報：由部門主管核准；預算超過新臺幣 ${PROJECT_FINANCE_THRESHOLD.toLocaleString('en-US')} 元另需財務處核准。`,
  },
  fields: [
    {
      id: 'name',
      type: 'text',
      required: true,
      maxLength: 200,
      label: { en: 'Project name', zh: '項目名稱' },
    },
    {
      id: 'budget',
      type: 'number',
      required: true,
      min: 0,
      max: 10_000_000_000,
      label: { en: 'Budget', zh: '預算' },
      unit: { en: 'NT$', zh: '新臺幣元' },
    },
    { id: 'start_date', type: 'date', required: true, label: { en: 'Start date', zh: '開始日期' } },
    { id: 'description', type: 'long_text', required: true, label: { en: 'Description', zh: '說明' } },
    { id: 'attachments', type: 'files', maxFiles: 10, label: { en: 'Attachments', zh: '附件' } },
  ],
  subjectFields: ['name', 'budget'],
  steps: [
    {
      key: 'department_head',
      name: { en: 'Department head', zh: '部門主管' },
      approvers: { rule: 'department_head' },
      mode: 'one',
      // A proposal left overdue goes to the next level up a working day after its escalation.
      overdue: { action: 'reassign', afterHours: 8 },
    },
    {
      key: 'finance',
      name: { en: 'Finance', zh: '財務處' },
      approvers: { rule: 'department_head_of', departmentKey: 'finance' },
      mode: 'one',
      condition: { field: 'budget', op: 'gt', value: PROJECT_FINANCE_THRESHOLD },
    },
  ],
};
