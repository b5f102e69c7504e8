/** Deadlines: due times, reminders, escalations and nudges, English. */
export const deadlinesEn = {
  'dl.timeline.due': ' · due {time}',
  'dl.timeline.escalated': ' · ⚠ overdue (due {time}), escalated',
  'dl.button.nudge': 'Nudge',
  'dl.reminder.scheduled':
    '⏰ Reminder: *{title}* ({reference}) from {requester} is waiting for your decision. Due {due}.',
  'dl.reminder.overdue':
    '⏰ Overdue: *{title}* ({reference}) from {requester} was due {due} and is still waiting for your decision.',
  'dl.reminder.nudge':
    '👋 {requester} is asking about *{title}* ({reference}): it is waiting for your decision. Due {due}.',
  'dl.reminder.closed': '✔️ *{title}* ({reference}) from {requester} no longer waits for your decision.',
  'dl.reminder.link': '<{link}|Open the original card>',
  'dl.escalated.target':
    '⚠ *{title}* ({reference}) from {requester} is overdue: it has been waiting for {approver} since {since} (due {due}). You are told as the next level up.',
  'dl.escalated.requester':
    '⚠ Your request *{title}* ({reference}) is overdue with {approver} (due {due}); {targets} have been told.',
  'dl.nudge.sent': 'I reminded {who}. You can nudge again after {time}.',
  'wf.error.nudge_too_soon': 'You nudged this request recently. You can nudge again after {at}.',
  'dl.auto.reason.auto_approve': 'automatically approved: no decision within {hours} working hours',
  'dl.auto.reason.auto_reject': 'automatically rejected: no decision within {hours} working hours',
  'dl.auto.reason.reassign': 'automatically reassigned: no decision within {hours} working hours',
  'dl.auto.planned.auto_approve': ' · will be approved automatically at {time}',
  'dl.auto.planned.auto_reject': ' · will be rejected automatically at {time}',
  'dl.auto.planned.reassign': ' · will be handed to the next level up at {time}',
  'dl.timeline.auto.auto_approve':
    '✓ {step}: approved automatically at {time} — {who} made no decision within {hours} working hours',
  'dl.timeline.auto.auto_reject':
    '✗ {step}: rejected automatically at {time} — {who} made no decision within {hours} working hours',
  'dl.timeline.auto.reassign':
    '→ reassigned automatically from {who} at {time}: no decision within {hours} working hours',
  'dl.card.auto.auto_approve':
    '🤖 Approved automatically on {time}: no decision within {hours} working hours.',
  'dl.card.auto.auto_reject':
    '🤖 Rejected automatically on {time}: no decision within {hours} working hours.',
  'dl.card.auto.reassign':
    '🤖 Handed to the next level up on {time}: no decision within {hours} working hours.',
  // Daily digest and weekly overdue summary
  'dg.daily.title': "☀️ Today's approvals",
  'dg.daily.summary': '*{count}* requests are waiting for your decision, oldest first.',
  'dg.daily.text': '{count} {count|request is|requests are} waiting for your decision ({overdue} overdue).',
  'dg.daily.item': '*{title}* ({reference}) from {requester}\nWaiting since {since} · due {due}',
  'dg.daily.overdue': '⚠ *Overdue*',
  'dg.daily.stillWaiting': 'Updated: *{count}* of them still {count|waits|wait} for your decision.',
  'dg.daily.more': '…and {count} more: see `/approvals` or the Home tab.',
  'dg.weekly.title': '📋 Weekly overdue summary',
  'dg.weekly.total':
    '*{count}* {count|task is|tasks are} overdue in {departments} {departments|department|departments}.',
  'dg.weekly.department': '*{name}* — {count} overdue',
  'dg.weekly.noDepartment': 'No department',
  'dg.weekly.item': '• {reference} {title} — with {approver}, due {due}',
  'dg.weekly.itemsMore': '• …and {count} more',
  'dg.weekly.more': '…and {count} more departments.',
} as const;
