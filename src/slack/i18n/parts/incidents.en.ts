/** Incidents, emergency broadcasts and maintenance mode (issue 17, §七.(四)), English. */
export const incidentsEn = {
  'incident.severity.sev1': 'SEV1 critical',
  'incident.severity.sev2': 'SEV2 major',
  'incident.severity.sev3': 'SEV3 minor',
  'incident.drillTag': '🧪 DRILL · ',
  'incident.duration': '{h} h {m} min',
  'incident.notice.started':
    '{drill}🚨 Incident INC-{id} ({severity}) started by {who}:\n{text}\nUpdate: `/oa incident update {id} …` · broadcast: `/oa incident broadcast {id} #channel … text` · resolve: `/oa incident resolve {id} …` · plan: `docs/emergency-plan.md`',
  'incident.notice.update': '{drill}📝 INC-{id} ({severity}), update from {who}:\n{text}',
  'incident.notice.resolved': '{drill}✅ INC-{id} ({severity}) resolved by {who} after {duration}:\n{text}',
  'incident.broadcast.header': '🚨 EMERGENCY BROADCAST',
  'incident.broadcast.drillHeader': '🧪 DRILL — EMERGENCY BROADCAST (an exercise: no action needed)',
  'incident.broadcast.footer':
    'Sent by {who} for incident INC-{id} on the emergency path, without the usual review.',
  'incident.broadcast.preview':
    '🧪 DRILL preview: this is what {channels} would receive. Nothing was posted there; add `--live` to post a drill broadcast to the channels themselves.',
  'incident.report.title': '{drill}Post-incident report — INC-{id}',
  'incident.report.facts':
    '*Severity* {severity}\n*Started* {started} by {who}\n*Resolved* {resolved} by {resolver}\n*Duration* {duration}',
  'incident.report.summary': '*What happened*\n{text}',
  'incident.report.resolution': '*Resolution*\n{text}',
  'incident.report.timeline': '*Timeline*',
  'incident.report.event.started': '{at} · {who} started it: {text}',
  'incident.report.event.update': '{at} · {who}: {text}',
  'incident.report.event.broadcast': '{at} · {who} broadcast to {channels}: {text}',
  'incident.report.event.resolved': '{at} · {who} resolved it: {text}',
  'incident.report.broadcasts': '*What was broadcast*',
  'incident.report.broadcastLine': '{channel}: {status}',
  'incident.report.noBroadcasts': 'Nothing was broadcast.',
  'incident.report.more':
    '… and {count} more lines (the whole timeline is in the database, table incident_events).',
  'incident.send.pending': 'queued',
  'incident.send.sent': 'posted',
  'incident.send.failed': 'FAILED ({error})',
  'incident.send.skipped': 'skipped',
  'incident.started':
    '{drill}Incident INC-{id} ({severity}) is open. {told} are being told now in a DM. Next: `/oa incident update {id} …`, `/oa incident broadcast {id} #channel … text`, `/oa incident resolve {id} …`.',
  'incident.told.admins': 'The admins',
  'incident.told.adminsAndLeaders': 'The admins, the supervision group and the leaders',
  'incident.told.adminsAndSupervisors': 'The admins and the supervision group',
  'incident.updated': 'Added to the timeline of INC-{id}; the admins are told.',
  'incident.resolvedReply':
    'INC-{id} is resolved after {duration}. The post-incident report goes to the DM of {starter}.',
  'incident.broadcasting':
    '🚨 Emergency broadcast of INC-{id} queued for {channels}: posted at Slack’s pace (about one a second per channel), marked as an emergency broadcast, in the timeline and the audit log.',
  'incident.broadcastPreviewReply':
    '🧪 INC-{id} is a drill: the broadcast comes to your DM as a preview of what {channels} would receive. Add `--live` after the incident number to post it there (marked as a drill).',
  'incident.list.title': '*Open incidents*',
  'incident.list.none':
    'No open incidents. Start one with `/oa incident start sev1|sev2|sev3 &lt;summary&gt;`.',
  'incident.list.line': '{drill}*INC-{id}* · {severity} · since {since} · {who}: {summary}',
  'incident.error.badSeverity':
    '`{value}` is not a severity. Use `sev1` or `critical` (the leaders are told too), `sev2` or `major`, `sev3` or `minor` (the Chinese words work too).',
  'incident.error.not_found': 'There is no incident INC-{id}. `/oa incident list` shows the open ones.',
  'incident.error.already_resolved': 'INC-{id} is already resolved; start a new incident if it is back.',
  'incident.error.no_channels': 'Name at least one channel to broadcast to.',
  'incident.error.too_many_channels':
    'A broadcast reaches at most {max} channels; use an announcement for more.',
  'incident.error.until_past':
    'That end time has already passed. Give a time to come: `18:00`, `2026-12-06 18:00` or `2h`.',
  'incident.error.until_too_far': 'Maintenance mode can be set for at most {days} days ahead.',
  'usage.incident':
    'Usage (admins):\n`/oa incident start sev1|sev2|sev3 &lt;summary&gt;` · `/oa incident drill &lt;severity&gt; &lt;summary&gt;` (the same, marked as a drill)\n`/oa incident update &lt;id&gt; &lt;text&gt;` · `/oa incident resolve &lt;id&gt; &lt;summary&gt;` · `/oa incident list`\n`/oa incident broadcast &lt;id&gt; [--live] #channel [#channel …] &lt;text&gt;` — the emergency path: posts without review\nSeverities: `sev1` = critical, `sev2` = major, `sev3` = minor (the Chinese words work too).',
  'usage.maintenance':
    'Usage (admins): `/oa maintenance on &lt;until&gt; &lt;reason&gt;` (until: `18:00`, `2026-12-06 18:00` or `2h`, in the organisation’s time zone) · `/oa maintenance off` · `/oa maintenance`',
  'maintenance.error.badUntil':
    '`{value}` is not an end time. Use `18:00` (the next 18:00), `2026-12-06 18:00` or a duration like `2h` or `90m`.',
  'maintenance.error.noReason':
    'Say why, so people know what is going on: `/oa maintenance on {until} &lt;reason&gt;`.',
  'maintenance.onDone':
    '🛠 Maintenance mode is on until {until} ({timezone}): {reason}\nNew submissions are refused with this reason until then; decisions on requests in review, acknowledgements and background jobs go on. It ends by itself, or `/oa maintenance off`.',
  'maintenance.offDone': 'Maintenance mode is off: submissions are open again.',
  'maintenance.notOn': 'Maintenance mode was not on.',
  'maintenance.statusOn': '🛠 Maintenance mode is on until {until} ({timezone}), set by {who}: {reason}',
  'maintenance.statusOff': 'Maintenance mode is off.',
  'maintenance.refused':
    '🛠 The platform is in maintenance until {until}: {reason}\nNew requests and drafts can’t be submitted until then (nothing you typed is lost: submit again after {until}). Decisions on requests already in review still work.',
  'maintenance.banner':
    '🛠 *Maintenance until {until}*: {reason}\nNew submissions are paused until then; decisions on requests in review still work.',
  'help.cmd.incident':
    '`/oa incident start|drill|update|resolve|broadcast|list …` — incidents, emergency broadcasts (`docs/emergency-plan.md`)',
  'help.cmd.maintenance':
    '`/oa maintenance on &lt;until&gt; &lt;reason&gt;|off` — pause new submissions during maintenance',
} as const;
