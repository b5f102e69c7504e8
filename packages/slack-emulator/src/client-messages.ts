/**
 * What the Slack client itself says when it refuses to send a modal (an empty required field, a
 * text too long, a file too big), in its user's language as Slack's client does: a person whose
 * Slack is in Chinese never sees these in English inside a Chinese modal. The app's own words are
 * not here; they come in its views.
 */

type Vars = Record<string, string | number>;

const EN = {
  required: 'Please complete this required field.',
  tooShort: 'Must be at least {n} characters.',
  tooLong: 'Must be at most {n} characters.',
  number: 'Please enter a number.',
  wholeNumber: 'Please enter a whole number.',
  atLeast: 'Must be at least {n}.',
  atMost: 'Must be at most {n}.',
  email: 'Please enter a valid email address.',
  oneFile: 'You can only upload 1 file.',
  files: 'You can only upload {n} files.',
  fileType: '{name} is not an accepted file type ({types}).',
  fileTooBig: '{name} is larger than 10 MB.',
  thisFile: 'This file',
  aFile: 'A file',
};

type ClientMessageKey = keyof typeof EN;

const ZH_TW: Record<ClientMessageKey, string> = {
  required: '請填寫此必填欄位。',
  tooShort: '至少需要 {n} 個字元。',
  tooLong: '最多只能有 {n} 個字元。',
  number: '請輸入數字。',
  wholeNumber: '請輸入整數。',
  atLeast: '不可小於 {n}。',
  atMost: '不可大於 {n}。',
  email: '請輸入有效的電子郵件地址。',
  oneFile: '只能上傳 1 個檔案。',
  files: '最多只能上傳 {n} 個檔案。',
  fileType: '{name} 不是接受的檔案類型（{types}）。',
  fileTooBig: '{name} 超過 10 MB。',
  thisFile: '此檔案',
  aFile: '有一個檔案',
};

export type ClientSay = (key: ClientMessageKey, vars?: Vars) => string;

/** The client's words for a Slack locale such as `en-US`, `zh-TW` or `zh-HK` (others: English). */
export function clientMessages(slackLocale: string | undefined): ClientSay {
  const catalog = (slackLocale ?? '').toLowerCase().startsWith('zh') ? ZH_TW : EN;
  return (key, vars = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      Object.hasOwn(vars, name) ? String(vars[name]) : match,
    );
}
