import type { incidentsEn } from './incidents.en';

/** 事件、緊急廣播與維護模式（issue 17，§七.(四)），繁體中文。 */
export const incidentsZhTW: Record<keyof typeof incidentsEn, string> = {
  'incident.severity.sev1': '一級・緊急',
  'incident.severity.sev2': '二級・重大',
  'incident.severity.sev3': '三級・一般',
  'incident.drillTag': '🧪 演練 · ',
  'incident.duration': '{h} 小時 {m} 分鐘',
  'incident.notice.started':
    '{drill}🚨 事件 #{id}（{severity}）已由 {who} 啟動：\n{text}\n更新：`/oa incident update {id} …` · 廣播：`/oa incident broadcast {id} #頻道 … 內容` · 解除：`/oa incident resolve {id} …` · 應變計畫：`docs/emergency-plan.md`',
  'incident.notice.update': '{drill}📝 事件 #{id}（{severity}），{who} 更新：\n{text}',
  'incident.notice.resolved': '{drill}✅ 事件 #{id}（{severity}）已由 {who} 解除，歷時 {duration}：\n{text}',
  'incident.broadcast.header': '🚨 緊急廣播',
  'incident.broadcast.drillHeader': '🧪 演練 — 緊急廣播（演練，無需處理）',
  'incident.broadcast.footer': '由 {who} 為事件 #{id} 經緊急途徑發出，未經一般審核。',
  'incident.broadcast.preview':
    '🧪 演練預覽：以下是 {channels} 會收到的內容。實際未發到這些頻道；加上 `--live` 才會把演練廣播發到頻道。',
  'incident.report.title': '{drill}事後報告 — 事件 #{id}',
  'incident.report.facts':
    '*等級* {severity}\n*開始* {started}，{who}\n*解除* {resolved}，{resolver}\n*歷時* {duration}',
  'incident.report.summary': '*發生什麼事*\n{text}',
  'incident.report.resolution': '*處理結果*\n{text}',
  'incident.report.timeline': '*時間軸*',
  'incident.report.event.started': '{at} · {who} 啟動：{text}',
  'incident.report.event.update': '{at} · {who}：{text}',
  'incident.report.event.broadcast': '{at} · {who} 廣播至 {channels}：{text}',
  'incident.report.event.resolved': '{at} · {who} 解除：{text}',
  'incident.report.broadcasts': '*廣播內容與結果*',
  'incident.report.broadcastLine': '{channel}：{status}',
  'incident.report.noBroadcasts': '本次未發出廣播。',
  'incident.report.more': '… 另有 {count} 筆（完整時間軸在資料庫 `incident_events` 表）。',
  'incident.send.pending': '排隊中',
  'incident.send.sent': '已發出',
  'incident.send.failed': '失敗（{error}）',
  'incident.send.skipped': '已略過',
  'incident.started':
    '{drill}事件 #{id}（{severity}）已啟動。正以私訊通知{told}。接著：`/oa incident update {id} …`、`/oa incident broadcast {id} #頻道 … 內容`、`/oa incident resolve {id} …`。',
  'incident.told.admins': '管理員',
  'incident.told.adminsAndLeaders': '管理員、監督小組與機關首長',
  'incident.told.adminsAndSupervisors': '管理員與監督小組',
  'incident.updated': '已記入 事件 #{id} 的時間軸，並通知管理員。',
  'incident.resolvedReply': '事件 #{id} 已解除，歷時 {duration}。事後報告將私訊給 {starter}。',
  'incident.broadcasting':
    '🚨 事件 #{id} 的緊急廣播已排入 {channels}：依 Slack 速率發出（每頻道約每秒一則），標示為緊急廣播，並記入時間軸與稽核紀錄。',
  'incident.broadcastPreviewReply':
    '🧪 事件 #{id} 是演練：廣播以預覽方式私訊給您，呈現 {channels} 會收到的內容。在事件編號後加上 `--live` 才會實際發到頻道（標示為演練）。',
  'incident.list.title': '*進行中的事件*',
  'incident.list.none': '目前沒有進行中的事件。以 `/oa incident start sev1|sev2|sev3 &lt;摘要&gt;` 啟動。',
  'incident.list.line': '{drill}*事件 #{id}* · {severity} · 自 {since} · {who}：{summary}',
  'incident.error.badSeverity':
    '`{value}` 不是事件等級。請用 `sev1` 或 `緊急`（同時通知機關首長）、`sev2` 或 `重大`、`sev3` 或 `一般`。',
  'incident.error.not_found': '沒有事件 #{id}。`/oa incident list` 列出進行中的事件。',
  'incident.error.already_resolved': '事件 #{id} 已解除；若問題再次發生，請啟動新事件。',
  'incident.error.no_channels': '請至少指定一個要廣播的頻道。',
  'incident.error.too_many_channels': '一次廣播最多 {max} 個頻道；更多請改用公告。',
  'incident.error.until_past': '這個結束時間已經過了。請給未來的時間：`18:00`、`2026-12-06 18:00` 或 `2h`。',
  'incident.error.until_too_far': '維護模式最多只能設定到 {days} 天後。',
  'usage.incident':
    '用法（管理員）：\n`/oa incident start sev1|sev2|sev3 &lt;摘要&gt;` · `/oa incident drill &lt;等級&gt; &lt;摘要&gt;`（同樣流程，標示為演練）\n`/oa incident update &lt;編號&gt; &lt;內容&gt;` · `/oa incident resolve &lt;編號&gt; &lt;摘要&gt;` · `/oa incident list`\n`/oa incident broadcast &lt;編號&gt; [--live] #頻道 [#頻道 …] &lt;內容&gt;` — 緊急途徑：不經審核直接發布\n等級：`sev1` = 緊急、`sev2` = 重大、`sev3` = 一般（中英文皆可）。',
  'usage.maintenance':
    '用法（管理員）：`/oa maintenance on &lt;結束時間&gt; &lt;原因&gt;`（結束時間：`18:00`、`2026-12-06 18:00` 或 `2h`，以機關時區計）· `/oa maintenance off` · `/oa maintenance`',
  'maintenance.error.badUntil':
    '`{value}` 不是結束時間。請用 `18:00`（下一個 18:00）、`2026-12-06 18:00`，或 `2h`、`90m` 這類時長。',
  'maintenance.error.noReason':
    '請說明原因，讓大家知道發生什麼事：`/oa maintenance on {until} &lt;原因&gt;`。',
  'maintenance.onDone':
    '🛠 維護模式已開啟，至 {until}（{timezone}）：{reason}\n在此之前新的申請會被婉拒並告知此原因；審核中的簽核、公告確認與背景作業照常。時間到會自動結束，或以 `/oa maintenance off` 結束。',
  'maintenance.offDone': '維護模式已結束，恢復受理申請。',
  'maintenance.notOn': '維護模式原本就沒有開啟。',
  'maintenance.statusOn': '🛠 維護模式開啟中，至 {until}（{timezone}），由 {who} 設定：{reason}',
  'maintenance.statusOff': '維護模式未開啟。',
  'maintenance.refused':
    '🛠 平臺維護中，預計至 {until}：{reason}\n在此之前無法送出新的申請或草稿（您填寫的內容不會遺失，請於 {until} 後再送出）。審核中的案件仍可簽核。',
  'maintenance.banner': '🛠 *維護中，至 {until}*：{reason}\n在此之前暫停受理新申請；審核中的案件仍可簽核。',
  'help.cmd.incident':
    '`/oa incident start|drill|update|resolve|broadcast|list …` — 事件與緊急廣播（`docs/emergency-plan.md`）',
  'help.cmd.maintenance': '`/oa maintenance on &lt;結束時間&gt; &lt;原因&gt;|off` — 維護期間暫停受理新申請',
};
