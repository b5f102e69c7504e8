/** The maintenance log (issue 17, requirements §二.(四).2): `/oa maintenance log` and the admins' Home section. */
export const maintenanceEn = {
  'maintlog.title': 'Maintenance log — {period}',
  'maintlog.empty': 'Nothing was recorded in {period}.',
  'maintlog.more': '…and {more} more {more|entry|entries} in the CSV.',
  'maintlog.count': '{total} {total|entry|entries} in {period}; newest first.',
  'maintlog.csvSent': 'The whole period is in your DM as CSV.',
  'maintlog.csvFailed': 'The CSV could not be sent to your DM; the entries above are the newest.',
  'maintlog.csvTitle': 'Maintenance log {period}',
  'maintlog.csvComment': 'Maintenance log of {period}: {rows} {rows|entry|entries} (times in UTC).',
  'maintlog.category.fault': '⚠️ fault',
  'maintlog.category.maintenance': '🔧 maintenance',
  'maintlog.error.period':
    '`{input}` is not a period. Try `/oa maintenance log 2026-12` (a month), `2026-Q4` (a quarter), `2026` (a year) or `last-30-days`.',
  'maintlog.unavailable': 'The maintenance log is not available in this process.',
  'maintlog.home': '*Maintenance log* (newest {count}) · `/oa maintenance log` for a period',
  'maintlog.homeEmpty': 'Nothing recorded yet.',
  'help.cmd.maintlog':
    '`/oa maintenance log [period]` — faults and maintenance of a period (message and CSV)',
} as const;
