import type { reportsEn } from './reports.en';

/** 督導報表（issue 16）：`/oa report`，繁體中文。 */
export const reportsZhTW: Record<keyof typeof reportsEn, string> = {
  'report.title': '{period} 報表：{scope}',
  'report.scope.all': '全機關',
  'report.compared': '與 {previous} 比較（▲ 增加，▼ 減少）。指標定義見 `docs/indicators.md`。',
  'report.workflow': '*流程效率*',
  'report.requests': '提交申請：{value} {delta}',
  'report.decided': '已決定：{value} {delta} · 駁回：{rejected} · 退回：{returned}',
  'report.turnaround': '辦理時間（工作小時）：中位數 {median}，第 90 百分位 {p90}',
  'report.sla': '於期限內決定：{value} {delta}',
  'report.overdue':
    '目前逾期：{now} · 期間內逾期：{period} · 逾期呈報：{escalations} · 自動處理：{automatic}',
  'report.publishing': '*資訊發布*',
  'report.published':
    '已發布：{value} {delta} · 逾時發布：{late} · 更正：{corrections} · 撤回：{withdrawals}',
  'report.toPublication': '草稿至發布（工作小時）：中位數 {median}，第 90 百分位 {p90}',
  'report.acks': '3 個工作天內確認：{value}（{audience} 人中 {acked} 人）· 催讀：{chases}',
  'report.files': '*檔案管理*',
  'report.filesCreated': '新增檔案：{value} {delta} · 下載：{downloads}',
  'report.metadata': '描述完整：{value} · 新版本附變更說明：{notes}',
  'report.confidential': '機密檔案於範圍外下載：{value}',
  'report.safe': '*安全運作*',
  'report.backups': '備份：成功 {ok}、失敗 {failed} · 最近成功：{last}',
  'report.drills': '還原演練：成功 {ok}、失敗 {failed} · 最近成功：{last}',
  'report.suspensions': '停權帳號：目前 {now}、期間內 {period}',
  'report.usage': '*使用情形*',
  'report.active': '活躍人數：{value} {delta}',
  'report.notAvailable': '無資料',
  'report.never': '從未',
  'report.error.notAllowed': '報表僅供部門主管與系統管理員查看。您自己的申請請用 `/oa search`。',
  'report.error.period':
    '「{input}」不是有效期間。請用月份（`2026-11`）、季（`2026-Q4`）、年（`2026`）或 `last-30-days`。',
  'report.error.department': '沒有「{key}」這個部門。部門代碼見 `/oa whoami` 與組織檔。',
  'report.error.notYours': '您可以查看自己部門及其下級部門的報表，無法查看「{key}」。',
  'report.chart.turnaround': '{period} 各類申請辦理時間（工作小時）',
  'report.chart.turnaroundAlt':
    '長條圖：{period} 各類申請辦理時間（工作小時）的中位數與第 90 百分位：{values}。',
  'report.chart.sla': '於期限內決定的任務比例',
  'report.chart.slaAlt': '長條圖：於期限內決定的任務比例：{values}。',
  'report.chart.median': '中位數',
  'report.chart.p90': '第 90 百分位',
  'report.chart.hours': '小時',
  'report.chart.type': '類別',
  'report.chart.decided': '已決定',
  'report.chart.period': '期間',
  'report.charts': '本報表的圖表已送至私訊。',
  'report.chartsNoFonts':
    '本次無法附上圖表：伺服器缺少繪圖所需的字型，請管理員安裝 `fonts-noto-cjk`（見 `docs/operations.md`）；上方數據完整。',
  'report.chartsFailed': '本次無法附上圖表：圖表無法繪製或傳送至私訊。上方數據完整，請稍後再試。',
  'help.cmd.report':
    '`/oa report [期間] [部門代碼] [detail <代碼> | xlsx]` — 期間指標並與上一期比較（其他人：個人指標）',
};
