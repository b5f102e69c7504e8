/** Spot checks, findings, scorecards and the audit log for supervisors (issue 16), English. */
export const supervisionEn = {
  'spot.intro':
    'Spot check of {count} of {population} finished {type} items{scope} · seed `{seed}` (`/oa spotcheck {n} {type} {department}seed:{seed}` draws the same sample). Each item is in our DM.',
  'spot.none': 'There are no finished {type} items{scope} to check yet.',
  'spot.scope': ' in {department}',
  'spot.type.request': 'request',
  'spot.type.announcement': 'announcement',
  'spot.type.file': 'file',
  'spot.item':
    '*{reference}* · {title}\nStatus: {status} · department: {department} · finished: {finished} · by {owner}',
  'spot.context': 'Spot check seed `{seed}` · item {index} of {count}',
  'spot.conforms': 'Conforms',
  'spot.problem': 'Problem',
  'spot.recorded.conforms': '✅ *{reference}*: recorded as conforming by <@{who}>.',
  'spot.recorded.problem': '⚠️ *{reference}*: problem recorded by <@{who}> (finding #{id}): {note}',
  'spot.already': 'This item already has your verdict for this check (finding #{id}).',
  'spot.modal.title': 'Record a problem',
  'spot.modal.submit': 'Record',
  'spot.modal.cancel': 'Cancel',
  'spot.modal.item': 'Item: *{reference}* · {title}',
  'spot.modal.note': 'What is wrong',
  'spot.modal.notePlaceholder': 'What does not conform, and what should be done',
  'spot.modal.department': 'Responsible department',
  'spot.modal.followUp': 'Follow-up owner',
  'spot.modal.followUpHint': 'They are told in a DM and reminded daily until the finding is closed.',
  'spot.error.notAllowed': 'Spot checks are for the supervision group and administrators.',
  'spot.error.tooMany': 'A spot check takes from 1 to {max} items. Example: `/oa spotcheck 5 request`.',
  'spot.error.type': '“{value}” is not a type to check. Types: `request`, `announcement`, `file`.',
  'spot.error.department':
    'There is no department “{key}”. Usage: `/oa spotcheck [n] [request|announcement|file] [department-key] [seed:<number>]`.',
  'spot.error.seed':
    'A seed is a whole number from 1 to 999999999, as shown with an earlier sample: `seed:12345`.',
  'spot.error.notFound': 'That item or finding no longer exists.',
  'spot.error.closed': 'This finding is already closed.',
  'spot.error.noteRequired': 'Say what is wrong (or, to close, what was done).',
  'spot.error.followUp': 'The follow-up owner must be an active member of the directory.',
  'spot.error.closeNotAllowed':
    'Only the supervision group, administrators and the follow-up owner close a finding.',
  'spot.assigned':
    '⚠️ Spot-check finding #{id} on *{reference}* is yours to follow up (recorded by <@{by}>): {note}\nWhen it is dealt with, close it from your Home tab.',
  'spot.reminder':
    '⏰ Spot-check finding #{id} on *{reference}* is still open since {since}: {note}\nClose it from your Home tab when it is dealt with.',
  'findings.home.title': '*Open spot-check findings* ({count})',
  'findings.home.line': '#{id} *{reference}* · {department} · follow-up: {owner} · since {since}\n{note}',
  'findings.home.nobody': 'nobody',
  'findings.home.more': 'Oldest {shown} shown.',
  'findings.close': 'Close',
  'findings.close.title': 'Close finding #{id}',
  'findings.close.note': 'What was done',
  'findings.close.submit': 'Close finding',
  'findings.closed': 'Finding #{id} on *{reference}* is closed.',
  'score.title': 'Scorecard {period}',
  'score.heads': 'Scores of your departments; the rank is among all departments.',
  'score.line': '{rank}. *{department}* — {score} {band}',
  'score.unranked': '–. *{department}* — no figures to score',
  'score.band.excellent': '🏅 excellent',
  'score.band.needs_improvement': '⚠️ needs improvement',
  'score.band.fair': 'fair',
  'score.contributions': '{items}',
  'score.legend':
    'Score 0–100: the weighted share of each indicator met; an indicator with nothing to measure gives its weight to the others. Excellent ≥ {excellent}, needs improvement < {needs}. Formula: `docs/indicators.md`.',
  'score.ind.slaCompliance': 'SLA',
  'score.ind.notOverdue': 'not overdue',
  'score.ind.publishedOnTime': 'published on time',
  'score.ind.acknowledgedInTime': 'acknowledged',
  'score.ind.fileMetadata': 'file metadata',
  'score.ind.versionNotes': 'change notes',
  'score.ind.confidentialSafety': 'confidential safety',
  'score.ind.spotChecks': 'spot checks',
  'score.error.notAllowed':
    'Scorecards are for the supervision group, administrators and department heads (their own department).',
  'score.error.config': 'The scorecard file has problems; an administrator fixes them:\n{problems}',
  'score.error.recogniseNotAllowed': 'Recognitions are drafted by the supervision group and administrators.',
  'score.error.nobody': 'No department has a score in {period}: there is nobody to recognise yet.',
  'score.recognise.title': 'Recognition: {departments} ({period})',
  'score.recognise.body':
    'The supervision scorecard of {period} ranks {departments} first, with a score of {score} out of 100. Thank you for your timely, careful work.\n\nThe scorecard and its formula: `/oa scorecard {period}`, docs/indicators.md.',
  'score.recognise.submitted':
    'Recognition {reference} drafted for {departments} and sent for review ({review}). It is published only when the review approves it.',
  'score.recognise.invalid':
    'The recognition could not be drafted ({problems}). Name a channel the app is in: `/oa scorecard [period] recognise #channel`.',
  'audit.error.notAllowed': 'The audit log is for the supervision group and administrators.',
  'audit.title': 'Audit log{subject}: latest {count}',
  'audit.subject': ' of {subject}',
  'audit.line': '`{at}` {actor} *{action}* {subjectType} {subjectId}',
  'audit.none': 'No audit rows{subject}.',
  'audit.csv': 'Audit log{subject}, {period}: {count} rows in our DM.',
  'audit.csvComment': 'Audit log{subject} for {period} ({count} rows).',
  'usage.audit':
    'Usage: `/oa audit [REQ-2026-0001 | ANN-… | FILE-… | @person] [period]` (with a period: a CSV in our DM).',
  'help.supervisor': '*For the supervision group*',
  'help.cmd.spotcheck':
    '`/oa spotcheck [n] [request|announcement|file] [department-key] [seed:<s>]` — a reproducible spot check',
  'help.cmd.scorecard':
    '`/oa scorecard [period] [recognise]` — department scores and ranks; recognise drafts an announcement for review',
  'help.cmd.audit':
    '`/oa audit [subject] [period]` — the audit log of a request, announcement, file or person',
} as const;
