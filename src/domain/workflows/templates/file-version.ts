import type { TemplateInput } from '../template-schema';

/**
 * 文件版本審核: a new version of an important library file (a category marked important, or a
 * confidential file) before it becomes current (issue 15, requirements §五.(四)). Started only by
 * the file library (purpose `file_version`), which fills the form from the version it stored as
 * `in_review`: the head of the file's owning department reviews. What becomes current on approval
 * is the stored version row, never these values: they describe it for the card and the history.
 */
export const fileVersionTemplate: TemplateInput = {
  key: 'file_version',
  prefix: 'FVR',
  purpose: 'file_version',
  title: { en: 'File version review', zh: '文件版本審核' },
  description: {
    en: 'A new version of an important file: the head of its owning department reviews it before it becomes current.',
    zh: '重要文件的新版本：由權責部門主管審核後才成為現行版本。',
  },
  fields: [
    { id: 'title', type: 'text', required: true, maxLength: 200, label: { en: 'Title', zh: '標題' } },
    { id: 'reference', type: 'text', required: true, maxLength: 32, label: { en: 'File', zh: '文件編號' } },
    { id: 'label', type: 'text', required: true, maxLength: 32, label: { en: 'New version', zh: '新版本' } },
    {
      id: 'change_note',
      type: 'long_text',
      required: true,
      maxLength: 500,
      label: { en: 'Change note', zh: '修訂說明' },
    },
    {
      id: 'previous_label',
      type: 'text',
      maxLength: 32,
      label: { en: 'Current version', zh: '現行版本' },
    },
    { id: 'file_name', type: 'text', maxLength: 255, label: { en: 'File name', zh: '檔名' } },
  ],
  subjectFields: ['reference', 'label'],
  steps: [
    {
      key: 'department_head',
      name: { en: 'Department head', zh: '部門主管' },
      approvers: { rule: 'department_head' },
      mode: 'one',
    },
  ],
};
