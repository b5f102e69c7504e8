/** Request attachments kept in the file library (issue 15, docs/files-attachments.md), English. */
export const attachmentsEn = {
  'att.line.stored': '`{reference}` · {name} · {size}',
  'att.line.refused': '{name} · ⛔ refused: {reason}',
  'att.line.pending': '{name} · ⏳ being stored in the file library…',
  'att.download': 'Download',
  'att.more': '…and {count} more (open Details to download them):',
  'att.reason.empty': 'the file is empty',
  'att.reason.too_large': 'the file is larger than the file library accepts',
  'att.reason.type_not_allowed': 'this type of file is not accepted (the type is read from its content)',
  'att.reason.infected': 'the virus scanner found malware in it',
  'att.reason.unreadable': 'the app could not read it from Slack',
  'att.refused.dm':
    'Your request {reference} was submitted, but some attachments were not kept:\n{files}\nOnly the files kept in the file library can be opened by your approvers. To add a file, attach an accepted one when you resubmit, or send it to your approver another way.',
} as const;
