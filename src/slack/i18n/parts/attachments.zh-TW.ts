import type { attachmentsEn } from './attachments.en';

/** Request attachments kept in the file library (issue 15, docs/files-attachments.md), 繁體中文. */
export const attachmentsZhTW: Record<keyof typeof attachmentsEn, string> = {
  'att.line.stored': '`{reference}` · {name} · {size}',
  'att.line.refused': '{name} · ⛔ 未收存：{reason}',
  'att.line.pending': '{name} · ⏳ 正在存入檔案庫…',
  'att.download': '下載',
  'att.more': '…另有 {count} 個附件（請開啟「詳情」下載）：',
  'att.reason.empty': '檔案是空的',
  'att.reason.too_large': '檔案超過檔案庫允許的大小',
  'att.reason.type_not_allowed': '不接受此類型的檔案（類型依檔案內容判斷）',
  'att.reason.infected': '防毒掃描發現惡意程式',
  'att.reason.unreadable': '系統無法從 Slack 讀取此檔案',
  'att.refused.dm':
    '您的申請 {reference} 已送出，但部分附件未收存：\n{files}\n只有存入檔案庫的檔案，審核人才能開啟。如需補附檔案，請在重新送出時附上可接受的檔案，或以其他方式提供給審核人。',
};
