/** Acknowledgements and chasing of announcements, English. */
export const fanoutEn = {
  'ack.recorded': '✅ Thank you: your acknowledgement of *{title}* ({reference}) is recorded ({time}).',
  'ack.already': 'You acknowledged *{title}* ({reference}) already, on {time}. It counts once.',
  'ack.refused.not_found':
    'This announcement is not published (or no longer exists), so it cannot be acknowledged.',
  'ack.refused.closed':
    '{reference} has been withdrawn or has expired: there is nothing to acknowledge any more.',
  'ack.refused.no_ack': '{reference} does not ask for acknowledgement.',
  'ack.refused.not_audience':
    '{reference} is addressed to other departments; only its audience acknowledges it. If you should be in it, ask the author.',
  'ack.refused.not_author':
    'Only the author of {reference} or an admin can see who has acknowledged it and chase the others.',
  'ack.status.summary': '*{title}* ({reference}): {acked} of {expected} acknowledged.',
  'ack.status.acked': '*Acknowledged ({count}):* {names}',
  'ack.status.pending': '*Not yet ({count}):* {names}',
  'ack.status.more': ' … and {count} more',
  'ack.status.chaseButton': 'Chase those who have not',
  'ack.chase.sent':
    '📨 Chasing {count} {count|person|people} who have not acknowledged {reference}: one DM each, sent at the pace Slack allows. You may chase again after {time}.',
  'ack.chase.nobody': 'Everyone expected has acknowledged {reference}: nobody to chase.',
  'ack.chase.tooSoon': '{reference} was chased at {last}. You may chase again after {time}.',
  'ack.chase.dm':
    '👋 {author} asks you to read and acknowledge *{title}* ({reference}): press *Acknowledge* below.',
} as const;
