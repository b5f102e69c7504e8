import type { fanoutEn } from './fanout.en';

/** 公告的已讀確認與催讀，繁體中文。 */
export const fanoutZhTW: Record<keyof typeof fanoutEn, string> = {
  'ack.recorded': '✅ 謝謝：已記錄您對 *{title}*（{reference}）的已讀確認（{time}）。',
  'ack.already': '您已於 {time} 確認過 *{title}*（{reference}），只計一次。',
  'ack.refused.not_found': '此公告未發布（或已不存在），無法確認已讀。',
  'ack.refused.closed': '{reference} 已撤回或已過期，無需再確認已讀。',
  'ack.refused.no_ack': '{reference} 不需要已讀確認。',
  'ack.refused.not_audience':
    '{reference} 僅發給其他部門，只有其對象可以確認已讀。如您應在對象之內，請洽發布者。',
  'ack.refused.not_author': '只有 {reference} 的發布者或管理員可以查看已讀情況並催讀。',
  'ack.status.summary': '*{title}*（{reference}）：{expected} 人中已有 {acked} 人確認已讀。',
  'ack.status.acked': '*已確認（{count}）：* {names}',
  'ack.status.pending': '*尚未確認（{count}）：* {names}',
  'ack.status.more': ' …… 另有 {count} 人',
  'ack.status.chaseButton': '催讀未確認者',
  'ack.chase.sent':
    '📨 正在催讀 {count} 位尚未確認 {reference} 的人：每人一則私訊，依 Slack 允許的速度發送。{time} 之後可再次催讀。',
  'ack.chase.nobody': '應確認的人都已確認 {reference}，無人需要催讀。',
  'ack.chase.tooSoon': '{reference} 已於 {last} 催讀過，{time} 之後才能再次催讀。',
  'ack.chase.dm': '👋 {author} 請您閱讀並確認 *{title}*（{reference}）：請按下方的「已讀確認」。',
} as const;
