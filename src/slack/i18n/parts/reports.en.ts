/** Supervision reports (issue 16): `/oa report`, English. */
export const reportsEn = {
  'report.title': 'Report {period}: {scope}',
  'report.scope.all': 'whole organisation',
  'report.compared': 'Compared with {previous} (▲ more, ▼ less). Definitions: `docs/indicators.md`.',
  'report.workflow': '*Workflow efficiency*',
  'report.requests': 'Requests submitted: {value} {delta}',
  'report.decided': 'Decided: {value} {delta} · rejected: {rejected} · returned: {returned}',
  'report.turnaround': 'Turnaround (working hours): median {median}, p90 {p90}',
  'report.sla': 'Decided by their due time: {value} {delta}',
  'report.overdue':
    'Overdue now: {now} · overdue in the period: {period} · escalations: {escalations} · automatic: {automatic}',
  'report.publishing': '*Publishing*',
  'report.published':
    'Published: {value} {delta} · late: {late} · corrections: {corrections} · withdrawn: {withdrawals}',
  'report.toPublication': 'Draft to publication (working hours): median {median}, p90 {p90}',
  'report.acks': 'Acknowledged within 3 working days: {value} ({acked} of {audience}) · chases: {chases}',
  'report.files': '*File management*',
  'report.filesCreated': 'Files added: {value} {delta} · downloads: {downloads}',
  'report.metadata': 'Complete descriptions: {value} · new versions with a change note: {notes}',
  'report.confidential': 'Confidential downloads outside the scope: {value}',
  'report.safe': '*Safe operation*',
  'report.backups': 'Backups: {ok} succeeded, {failed} failed · last success: {last}',
  'report.drills': 'Restore drills: {ok} succeeded, {failed} failed · last success: {last}',
  'report.suspensions': 'Suspended accounts: {now} now, {period} in the period',
  'report.usage': '*Usage*',
  'report.active': 'Active people: {value} {delta}',
  'report.notAvailable': 'n/a',
  'report.never': 'never',
  'report.error.notAllowed':
    'Reports are for department heads and administrators. Your own requests: `/oa search`.',
  'report.error.period':
    '“{input}” is not a period. Use a month (`2026-11`), a quarter (`2026-Q4`), a year (`2026`) or `last-30-days`.',
  'report.error.department':
    'There is no department “{key}”. Keys are listed in `/oa whoami` and the org file.',
  'report.error.notYours': 'You can see reports of your own department and the ones below it, not “{key}”.',
  'report.chart.turnaround': 'Turnaround by request type, {period} (working hours)',
  'report.chart.turnaroundAlt':
    'Bar chart of the median and p90 turnaround in working hours by request type for {period}: {values}.',
  'report.chart.sla': 'Tasks decided by their due time',
  'report.chart.slaAlt': 'Bar chart of the share of tasks decided by their due time: {values}.',
  'report.chart.median': 'median',
  'report.chart.p90': 'p90',
  'report.chart.hours': 'hours',
  'report.chart.type': 'type',
  'report.chart.decided': 'decided',
  'report.chart.period': 'period',
  'report.charts': 'The charts of this report are in our DM.',
  'report.chartsNoFonts':
    'No charts this time: the server lacks the fonts that draw them. An administrator installs `fonts-noto-cjk` (`docs/operations.md`); the figures above are complete.',
  'report.chartsFailed':
    'No charts this time: they could not be drawn or sent to our DM. The figures above are complete; ask again later.',
  'help.cmd.report':
    '`/oa report [period] [department-key] [detail <key> | xlsx]` — figures of a period against the one before (heads, supervisors, admins; others: their own)',
} as const;
