import type { maintenanceEn } from './maintenance.en';

/** 維護紀錄（issue 17，需求 §二.(四).2）：`/oa maintenance log` 與管理員首頁區塊，繁體中文。 */
export const maintenanceZhTW: Record<keyof typeof maintenanceEn, string> = {
  'maintlog.title': '維護紀錄 — {period}',
  'maintlog.empty': '{period} 沒有任何紀錄。',
  'maintlog.more': '…另有 {more} 筆，見 CSV。',
  'maintlog.count': '{period} 共 {total} 筆，由新到舊。',
  'maintlog.csvSent': '整段期間的紀錄已以 CSV 傳到你的私訊。',
  'maintlog.csvFailed': 'CSV 無法傳到你的私訊；上方為最新的幾筆。',
  'maintlog.csvTitle': '維護紀錄 {period}',
  'maintlog.csvComment': '{period} 的維護紀錄：{rows} 筆（時間為世界協調時間）。',
  'maintlog.category.fault': '⚠️ 故障',
  'maintlog.category.maintenance': '🔧 維護',
  'maintlog.error.period':
    '`{input}` 不是期間。請試 `/oa maintenance log 2026-12`（月）、`2026-Q4`（季）、`2026`（年）或 `last-30-days`。',
  'maintlog.unavailable': '此程序無法使用維護紀錄。',
  'maintlog.home': '*維護紀錄*（最新 {count} 筆）· 以 `/oa maintenance log` 查詢期間',
  'maintlog.homeEmpty': '尚無紀錄。',
  'help.cmd.maintlog': '`/oa maintenance log [期間]` — 某期間的故障與維護紀錄（訊息與 CSV）',
};
