/** Delegation while away (代理): `/oa away`, the FYI, the hand-over and the card notes, English. */
export const delegationEn = {
  'usage.away':
    'Usage: `/oa away 2026-12-01 2026-12-05 @person [note]` — while you are away, new approvals for you go to @person (dates in your time zone, both included; one date for a single day). `/oa away off` ends it; `/oa away` shows it.',
  'help.cmd.away':
    '`/oa away &lt;from&gt; &lt;to&gt; @person [note]` — a delegate for your approvals while you are away (`/oa away off` to end)',
  'away.error.invalidDate': 'I can’t read `{value}` as a date. Use YYYY-MM-DD, e.g. 2026-12-01.',
  'away.error.missingDelegate': 'Who covers for you? Mention them after the dates.',
  'wf.error.delegation_refused': 'I couldn’t change your delegation ({why}).',
  'away.error.end_before_start': 'The end date {to} is before the start date {from}.',
  'away.error.already_over': 'That period ended on {to}; today is {today}. Give dates from today on.',
  'away.error.too_long': 'A delegation lasts at most {max} days. Set a shorter period.',
  'away.error.self': 'You can’t be your own delegate. Mention a colleague.',
  'away.error.delegate_unknown': '{who} is not registered on the platform, so they can’t approve for you.',
  'away.error.delegate_suspended': '{who} is suspended, so they can’t approve for you.',
  'away.error.delegate_guest': '{who} is a guest, and guests can’t approve.',
  'away.error.delegate_away':
    '{who} is away themselves from {from} to {to}. Delegation goes one hop only: choose someone else, or change your dates.',
  'away.error.not_away': 'You have no delegation to end.',
  'away.error.handover_not_yours': 'This hand-over button is not yours, so nothing was moved.',
  'away.error.handover_over':
    'That delegation has ended, so nothing was moved. Set a new one with `/oa away`.',
  'away.set.done':
    '✅ From {from} to {to}, new approvals for you go to {delegate}, on your behalf. You get an FYI for each and can still decide them yourself.',
  'away.set.note': 'Your note for them: {note}',
  'away.set.startsToday': 'The start date was in the past, so the delegation starts today.',
  'away.set.replaced': 'This replaces your delegation to {delegate} ({from} – {to}).',
  'away.set.covering':
    'Note: you are the delegate of {person} from {from} to {to}; their approvals still come to you (delegation never goes a second hop).',
  'away.status.none': 'You have no delegation.',
  'away.status.title': '*Your delegations*',
  'away.status.line': '• {from} – {to}: {delegate}',
  'away.status.coveringTitle': '*You cover for*',
  'away.status.coveringLine': '• {person}, {from} – {to}',
  'away.status.delegatedTitle': '*With your delegate, on your behalf ({count})* — you can still decide them:',
  'away.status.more': '…and {count} more.',
  'away.handover.offer':
    'You hold {count} pending {count|approval|approvals}. Hand {count|it|them} over to {delegate} as well?',
  'away.handover.button': 'Hand over {count} to {name}',
  'away.handover.confirm.title': 'Hand over?',
  'away.handover.confirm.text':
    'Your pending approvals go to {name}, on your behalf. You can still decide them yourself.',
  'away.handover.confirm.yes': 'Hand over',
  'away.handover.confirm.no': 'Not now',
  'away.handover.done': '✅ Handed over to {delegate}: {references}.',
  'away.handover.nothing': 'Nothing left to hand over: your pending approvals were already moved or decided.',
  'away.handover.kept': 'Kept with you: {list}.',
  'away.handover.why.requester': '{reference} (they requested it)',
  'away.handover.why.already_approver': '{reference} (they already approve that step)',
  'away.handover.why.delegated_to_you': '{reference} (you hold it as someone else’s delegate)',
  'away.off.done': 'Your delegation has ended: new approvals come to you again.',
  'away.off.still':
    '{count} {count|approval|approvals} already with your delegate {count|stays|stay} with them; you can still decide them yourself (`/oa away` lists them).',
  'away.fyi':
    '📨 You are away: *{title}* ({reference}) from {requester} went to {delegate}, on your behalf. You can still decide it yourself:',
  'away.fyi.closed':
    '📨 You are away: *{title}* ({reference}) from {requester} went to {delegate}, on your behalf.',
  'away.card.onBehalfOf': 'On behalf of {name}, who is away (you are their delegate)',
  'away.line.onBehalfOf': ' (on behalf of {name})',
  'away.task.decidedByAbsent': '{name}, whom you cover for, decided this on {time}: {decision}',
  'away.task.handedOver': '→ You handed this over to {delegate}, your delegate while away, on {time}',
  'away.timeline.handedOver': '→ handed over by {who} to {delegate} (delegate while away)',
} as const;
