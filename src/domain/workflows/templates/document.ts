import type { TemplateInput } from '../template-schema';

/** 公文審批: an official document; urgent or confidential ones also go to a leader. */
export const documentTemplate: TemplateInput = {
  key: 'document',
  prefix: 'DOC',
  title: { en: 'Official document', zh: '公文審批' },
  description: {
    en: 'Have an official document approved; it gets a document number when approved.',
    zh: '公文送審；核准後給予文號。',
  },
  fields: [
    { id: 'title', type: 'text', required: true, maxLength: 200, label: { en: 'Title', zh: '主旨' } },
    {
      id: 'doc_type',
      type: 'select',
      required: true,
      label: { en: 'Document type', zh: '文別' },
      options: [
        { value: 'notice', label: { en: 'Notice', zh: '公告' } },
        { value: 'request', label: { en: 'Request', zh: '簽呈' } },
        { value: 'report', label: { en: 'Report', zh: '報告' } },
        { value: 'letter', label: { en: 'Letter', zh: '函' } },
        { value: 'minutes', label: { en: 'Minutes', zh: '會議紀錄' } },
      ],
    },
    {
      id: 'urgency',
      type: 'select',
      required: true,
      label: { en: 'Urgency', zh: '速別' },
      options: [
        { value: 'normal', label: { en: 'Normal', zh: '普通件' } },
        { value: 'urgent', label: { en: 'Urgent', zh: '速件' } },
        { value: 'very_urgent', label: { en: 'Very urgent', zh: '最速件' } },
      ],
    },
    {
      id: 'confidentiality',
      type: 'select',
      required: true,
      label: { en: 'Confidentiality', zh: '密等' },
      options: [
        { value: 'public', label: { en: 'Public', zh: '公開' } },
        { value: 'internal', label: { en: 'Internal', zh: '限閱' } },
        { value: 'confidential', label: { en: 'Confidential', zh: '密' } },
      ],
    },
    {
      id: 'summary',
      type: 'long_text',
      required: true,
      maxLength: 3000,
      label: { en: 'Summary', zh: '說明' },
    },
    { id: 'attachments', type: 'files', maxFiles: 10, label: { en: 'Attachments', zh: '附件' } },
  ],
  subjectFields: ['title'],
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
      condition: {
        any: [
          { field: 'urgency', op: 'in', value: ['urgent', 'very_urgent'] },
          { field: 'confidentiality', op: 'eq', value: 'confidential' },
        ],
      },
    },
  ],
  // The General Office registers outgoing documents.
  cc: [{ who: { rule: 'department_head_of', departmentKey: 'general-office' }, when: 'approved' }],
  // Request references are DOC-2026-0007; document numbers DOCNO-2026-0042, counted separately.
  documentNumber: { prefix: 'DOCNO' },
};
