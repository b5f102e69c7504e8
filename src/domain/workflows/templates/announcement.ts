import type { TemplateInput } from '../template-schema';

/**
 * 公告審核: the review of an announcement (issue 5). It is started only by the announcements domain
 * (purpose `announcement`), which fills the form from the composer: the form is the content under
 * review, so the approval card previews exactly what will be posted, and each revision of the
 * request keeps the content it had. The department head reviews; a leader too when important; the
 * admins last when the organisation asks for a publisher step (`publisher_review`).
 */
const CATEGORY_OPTIONS = [
  { value: 'notice', label: { en: 'Notice / announcement', zh: '通知公告' } },
  { value: 'work_update', label: { en: 'Work update', zh: '工作動態' } },
  { value: 'policy', label: { en: 'Policy / regulation', zh: '政策法規' } },
  { value: 'business_material', label: { en: 'Business material', zh: '業務資料' } },
];

export const announcementTemplate: TemplateInput = {
  key: 'announcement',
  prefix: 'ANR',
  purpose: 'announcement',
  title: { en: 'Announcement review', zh: '公告審核' },
  description: {
    en: 'An announcement before it is posted: your department head reviews it; a leader too when important.',
    zh: '公告發布前審核：由部門主管審核；重要公告另需首長核准。',
  },
  fields: [
    // The first eight are what the tracking card shows.
    { id: 'title', type: 'text', required: true, maxLength: 150, label: { en: 'Title', zh: '標題' } },
    {
      id: 'reference',
      type: 'text',
      required: true,
      maxLength: 32,
      label: { en: 'Announcement', zh: '公告字號' },
    },
    {
      id: 'category',
      type: 'select',
      required: true,
      label: { en: 'Category', zh: '類別' },
      options: CATEGORY_OPTIONS,
    },
    {
      id: 'importance',
      type: 'select',
      required: true,
      label: { en: 'Importance', zh: '重要性' },
      options: [
        { value: 'normal', label: { en: 'Normal', zh: '一般' } },
        { value: 'important', label: { en: 'Important', zh: '重要' } },
      ],
    },
    {
      id: 'audience',
      type: 'select',
      required: true,
      label: { en: 'Audience', zh: '對象' },
      options: [
        { value: 'everyone', label: { en: 'Everyone in the channels', zh: '頻道全體成員' } },
        { value: 'departments', label: { en: 'Restricted to departments', zh: '限定部門' } },
      ],
    },
    {
      id: 'change',
      type: 'select',
      required: true,
      label: { en: 'Kind', zh: '性質' },
      options: [
        { value: 'new', label: { en: 'New announcement', zh: '新公告' } },
        { value: 'correction', label: { en: 'Correction', zh: '更正' } },
      ],
    },
    { id: 'require_ack', type: 'checkbox', label: { en: 'Acknowledgement required', zh: '需已讀確認' } },
    { id: 'body', type: 'long_text', required: true, maxLength: 3000, label: { en: 'Body', zh: '內文' } },
    // Targets and times, as ids and ISO 8601 (the preview renders them for the reader).
    { id: 'channels', type: 'long_text', maxLength: 1000, label: { en: 'Channels', zh: '頻道' } },
    { id: 'departments', type: 'long_text', maxLength: 1000, label: { en: 'Departments', zh: '部門' } },
    { id: 'publish_at', type: 'text', maxLength: 40, label: { en: 'Publish at', zh: '發布時間' } },
    { id: 'expires_at', type: 'text', maxLength: 40, label: { en: 'Expires at', zh: '下架時間' } },
    { id: 'publisher_review', type: 'checkbox', label: { en: 'Publisher review', zh: '發布審核' } },
    // A correction carries the published content it replaces, for the reviewers' diff.
    { id: 'previous_title', type: 'text', maxLength: 150, label: { en: 'Previous title', zh: '原標題' } },
    { id: 'previous_body', type: 'long_text', maxLength: 3000, label: { en: 'Previous body', zh: '原內文' } },
    {
      id: 'previous_category',
      type: 'select',
      label: { en: 'Previous category', zh: '原類別' },
      options: CATEGORY_OPTIONS,
    },
    {
      id: 'previous_importance',
      type: 'select',
      label: { en: 'Previous importance', zh: '原重要性' },
      options: [
        { value: 'normal', label: { en: 'Normal', zh: '一般' } },
        { value: 'important', label: { en: 'Important', zh: '重要' } },
      ],
    },
    {
      id: 'previous_require_ack',
      type: 'checkbox',
      label: { en: 'Previously acknowledgement required', zh: '原需已讀確認' },
    },
    {
      id: 'previous_expires_at',
      type: 'text',
      maxLength: 40,
      label: { en: 'Previous expiry', zh: '原下架時間' },
    },
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
      condition: { field: 'importance', op: 'eq', value: 'important' },
    },
    {
      key: 'publisher',
      name: { en: 'Publisher', zh: '發布審核' },
      approvers: { rule: 'role', role: 'admin' },
      mode: 'any',
      condition: { field: 'publisher_review', op: 'truthy' },
    },
  ],
};
