import type { deadlinesEn } from './deadlines.en';

/** 期限：到期時間、提醒、逾期呈報與催辦，繁體中文。 */
export const deadlinesZhTW: Record<keyof typeof deadlinesEn, string> = {
  'dl.timeline.due': ' · 期限 {time}',
  'dl.timeline.escalated': ' · ⚠ 已逾期（期限 {time}），已呈報',
  'dl.button.nudge': '催辦',
  'dl.reminder.scheduled': '⏰ 提醒：{requester} 的 *{title}*（{reference}）正等候您審批，期限 {due}。',
  'dl.reminder.overdue': '⏰ 已逾期：{requester} 的 *{title}*（{reference}）期限為 {due}，仍在等候您審批。',
  'dl.reminder.nudge': '👋 {requester} 正在催辦 *{title}*（{reference}），正等候您審批，期限 {due}。',
  'dl.reminder.link': '<{link}|開啟原審批卡片>',
  'dl.escalated.target':
    '⚠ {requester} 的 *{title}*（{reference}）已逾期：自 {since} 起等候 {approver} 審批（期限 {due}）。您作為上一層主管收到此通知。',
  'dl.escalated.requester':
    '⚠ 您的申請 *{title}*（{reference}）在 {approver} 處已逾期（期限 {due}），已通知 {targets}。',
  'dl.nudge.sent': '已提醒 {who}。{time} 之後可再次催辦。',
  'wf.error.nudge_too_soon': '您最近已催辦過此申請，{at} 之後可再次催辦。',
  'dl.auto.reason.auto_approve': '自動核准：{hours} 個工作小時內未審批',
  'dl.auto.reason.auto_reject': '自動駁回：{hours} 個工作小時內未審批',
  'dl.auto.reason.reassign': '自動轉交：{hours} 個工作小時內未審批',
  'dl.auto.planned.auto_approve': ' · 將於 {time} 自動核准',
  'dl.auto.planned.auto_reject': ' · 將於 {time} 自動駁回',
  'dl.auto.planned.reassign': ' · 將於 {time} 轉交上一層主管',
  'dl.timeline.auto.auto_approve': '✓ {step}：{time} 自動核准——{who} 於 {hours} 個工作小時內未審批',
  'dl.timeline.auto.auto_reject': '✗ {step}：{time} 自動駁回——{who} 於 {hours} 個工作小時內未審批',
  'dl.timeline.auto.reassign': '→ {time} 自動由 {who} 轉交：{hours} 個工作小時內未審批',
  'dl.card.auto.auto_approve': '🤖 已於 {time} 自動核准：{hours} 個工作小時內未審批。',
  'dl.card.auto.auto_reject': '🤖 已於 {time} 自動駁回：{hours} 個工作小時內未審批。',
  'dl.card.auto.reassign': '🤖 已於 {time} 轉交上一層主管：{hours} 個工作小時內未審批。',
  // 每日摘要與每週逾期摘要
  'dg.daily.title': '☀️ 今日待審批',
  'dg.daily.summary': '共 *{count}* 件申請等候您審批，依時間先後排列。',
  'dg.daily.text': '共 {count} 件申請等候您審批（{overdue} 件已逾期）。',
  'dg.daily.item': '{requester} 的 *{title}*（{reference}）\n自 {since} 起等候 · 期限 {due}',
  'dg.daily.overdue': '⚠ *已逾期*',
  'dg.daily.more': '…另有 {count} 件：請見 `/approvals` 或首頁分頁。',
  'dg.weekly.title': '📋 每週逾期摘要',
  'dg.weekly.total': '共 *{count}* 件待審批已逾期，涉及 {departments} 個部門。',
  'dg.weekly.department': '*{name}* — {count} 件逾期',
  'dg.weekly.noDepartment': '無部門',
  'dg.weekly.item': '• {reference} {title} — 由 {approver} 審批，期限 {due}',
  'dg.weekly.itemsMore': '• …另有 {count} 件',
  'dg.weekly.more': '…另有 {count} 個部門。',
};
