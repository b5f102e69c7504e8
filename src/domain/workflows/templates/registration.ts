import type { TemplateInput } from '../template-schema';

/** 註冊: a newcomer joins a department; its head approves (requirements §三.1). */
export const registrationTemplate: TemplateInput = {
  key: 'registration',
  prefix: 'REG',
  purpose: 'registration',
  title: { en: 'Registration', zh: '註冊' },
  description: {
    en: 'Join the platform: the head of the department you choose reviews your registration.',
    zh: '註冊平臺帳號：由您所選部門的主管審核。',
  },
  fields: [
    { id: 'name', type: 'text', required: true, maxLength: 200, label: { en: 'Real name', zh: '真實姓名' } },
    { id: 'department', type: 'department', required: true, label: { en: 'Department', zh: '部門' } },
    { id: 'position', type: 'text', required: true, maxLength: 200, label: { en: 'Position', zh: '職稱' } },
    { id: 'contact', type: 'text', required: true, maxLength: 200, label: { en: 'Contact', zh: '聯絡方式' } },
  ],
  subjectFields: ['name', 'department'],
  steps: [
    {
      key: 'department_head',
      name: { en: 'Department head', zh: '部門主管' },
      approvers: { rule: 'department_head_of_field', fieldId: 'department' },
      mode: 'one',
    },
  ],
};
