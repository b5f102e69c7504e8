/** The file library's review, notices, Share, Open and Home "Recent files" (issue 15), English. */
export const filesReviewEn = {
  'fileReview.card.line': '`{reference}` · version {label}',
  'fileReview.card.noVersion': '`{reference}` · no current version',
  'fileReview.card.download': 'Download',
  'fileReview.card.share': 'Share',
  'fileReview.card.sharedBy': 'Shared by <@{user}>. Everyone downloads through the library’s check.',
  'fileReview.card.text': '{reference} {title}',
  'fileReview.preview.file': '*{title}*\n`{reference}`',
  'fileReview.preview.version': 'New version: *{label}* · current: {previous}',
  'fileReview.preview.firstVersion': 'New version: *{label}*',
  'fileReview.preview.note': '*Change note*\n{note}',
  'fileReview.preview.name': 'File: {name}',
  'fileReview.preview.download': 'Download {label}',
  'fileReview.notice.text': '{reference} {title} has a new current version {label} ({note})',
  'fileReview.notice.download': 'Download {label}',
  'fileReview.share.title': 'Share a file',
  'fileReview.share.submit': 'Share',
  'fileReview.share.cancel': 'Cancel',
  'fileReview.share.intro':
    '*{title}* `{reference}`\nPosts the file’s card, never the file itself: each reader still downloads through the library’s check.',
  'fileReview.share.channels': 'Channels',
  'fileReview.share.channelsHint': 'The app must be a member of the channel.',
  'fileReview.share.people': 'People',
  'fileReview.share.peopleHint': 'Each gets the card in their DM with the app.',
  'fileReview.share.scope': 'Sharing scope',
  'fileReview.share.addToScope': 'Also add these channels and people to the sharing scope',
  'fileReview.share.addToScopeHint': 'Otherwise only people already in scope can download.',
  'fileReview.share.nothing': 'Choose at least one channel or person.',
  'fileReview.share.tooMany': 'Choose at most {max} channels and people together.',
  'fileReview.share.notInChannel':
    'The app is not a member of {channels}: invite it there with `/invite`, or choose another channel.',
  'fileReview.share.notRegistered':
    '{people} {count|is|are} not registered on the platform and cannot be added to the scope.',
  'fileReview.share.done': 'The card of {reference} was posted to {targets}.',
  'fileReview.share.failed': 'Could not post the card of {reference} to {target} ({error}).',
  'fileReview.share.failedNotInChannel':
    'Could not post the card of {reference} to {target}: the app is not a member. Invite it with `/invite`, then share again.',
  'fileReview.share.scopeAdded':
    '{targets} can now download {reference} (sharing scope changed, recorded in the audit log).',
  'fileReview.open.posted': 'The card of {reference} is in your DM with the app.',
  'fileReview.home.title': 'Recent files',
  'fileReview.home.row': '*{title}*\n`{reference}` · {updated}',
  'fileReview.home.open': 'Open',
  'fileReview.home.empty': 'No files you can see yet.',
  'fileReview.refusal.not_found': 'There is no file {reference} you can see.',
  'fileReview.refusal.not_in_scope':
    'You may not read {reference}. Ask {grantors} to add you to its sharing scope.',
  'fileReview.refusal.withdrawn': '{reference} has been withdrawn.',
  'fileReview.refusal.suspended': 'Your account is suspended.',
  'fileReview.refusal.not_registered': 'You are not registered on the platform yet.',
  'fileReview.refusal.not_owner':
    'Only the owners of {reference} (its uploader, the owning department’s head, admins) can change who may read it.',
  'fileReview.refusal.version_in_review':
    'Version {label} of {reference} is still in review: wait for the decision before uploading another.',
  'fileReview.refusal.confidential': 'A confidential file can never be shared with everyone.',
  'fileReview.refusal.other': 'That could not be done ({code}).',
} as const;
