/** Core messages (help, profile, admin commands, Home), English. */
export const coreEn = {
  'role.admin': 'Administrator',
  'role.leader': 'Leader',
  'role.supervisor': 'Supervisor',
  'role.user': 'User',
  'role.guest': 'Guest',
  'status.active': 'Active',
  'status.suspended': 'Suspended',
  'roster.headOf': 'Head of {department}',
  'roster.unregistered': 'Not registered',

  'help.title': 'Official affairs platform — commands',
  'help.intro':
    'I am the chat front end of the official affairs platform: requests, approvals and announcements, right here in Slack.',
  'help.everyone': '*For everyone*',
  'help.cmd.help': '`/oa help` — this list',
  'help.cmd.whoami': '`/oa whoami` — your profile, department and roles',
  'help.cmd.language': '`/oa language en|zh-TW|auto` — the language I use with you (auto follows Slack)',
  'help.cmd.register': '`/oa register` — register on the platform (your department head approves)',
  'help.cmd.requests':
    '`/leave`, `/document`, `/request [type]` — start a request · `/approvals` — what waits for your decision',
  'help.cmd.status': '`/oa status &lt;reference&gt;` — where a request stands',
  'help.cmd.search': '`/oa search …` — find finished requests you may see',
  'help.cmd.export': '`/oa export &lt;from&gt; &lt;to&gt;` — requests of a date range as CSV, in your DM',
  'help.cmd.cancel': '`/oa cancel &lt;reference&gt; &lt;reason&gt;` — cancel a request in review',
  'help.admin': '*For administrators*',
  'help.cmd.role': '`/oa role @person admin,leader,user,guest` — set a person’s roles',
  'help.cmd.move': '`/oa move @person &lt;department-key&gt;` — move a person to a department',
  'help.cmd.head': '`/oa head &lt;department-key&gt; @person` — make a person head of a department',
  'help.cmd.suspend': '`/oa suspend @person` — suspend a person at once',
  'help.cmd.reactivate': '`/oa reactivate @person` — reactivate a suspended person',
  'help.guest': 'As a guest you can read what is shared with you; ask an administrator if you need more.',
  'help.unknown': 'I don’t know `{subcommand}`. Here is what I can do:',
  'help.departments': 'Department keys: {keys}',

  'whoami.title': 'Your profile',
  'whoami.name': '*Name*\n{value}',
  'whoami.department': '*Department*\n{value}',
  'whoami.position': '*Position*\n{value}',
  'whoami.contact': '*Contact*\n{value}',
  'whoami.roles': '*Roles*\n{value}',
  'whoami.status': '*Status*\n{value}',
  'whoami.locale': '*Language · time zone*\n{locale} · {timezone}',
  'whoami.headOf': 'You are head of: {departments}',
  'common.none': '—',

  'error.notRegistered':
    'You are not registered on the official affairs platform yet, so I can’t do that for you. Register with the button below or `/oa register` (the head of your department approves it), or ask an administrator{admins}.',
  'register.button': 'Register',
  'error.notRegistered.admins': ' (for example {admins})',
  'error.modalNotOpened':
    'Slack could not open the window in time. Please click again (or run the command again).',
  'error.suspended': 'Your account is suspended. If you think this is a mistake, contact an administrator.',
  'error.adminOnly': 'Only administrators can use `/oa {subcommand}`.',
  'error.tooLong': 'That command is too long ({length} characters; the limit is {limit}). Please shorten it.',
  'error.unexpected':
    'Sorry, something went wrong on our side. Please try again in a moment. If it keeps happening, give an administrator this reference: `{reference}`.',
  'error.personNotFound':
    'I can’t find {who} in the directory. Mention them with @ or ask an administrator to import them.',
  'error.departmentNotFound': 'There is no department with the key `{key}`. Known keys: {keys}.',
  'error.invalidRoles':
    '`{value}` is not a valid role list. Use any of admin, leader, supervisor, user, guest, separated by commas.',
  'error.guestExclusive': 'The guest role cannot be combined with other roles.',
  'error.lastAdmin': 'That would leave the platform without an active administrator, so I didn’t do it.',
  'error.selfSuspend': 'You can’t suspend yourself. Ask another administrator.',
  'error.noChange': 'Nothing to change: {who} already has that.',
  'error.invalidLanguage': '`{value}` is not a language I speak. Use en, zh-TW or auto.',

  'usage.role': 'Usage: `/oa role @person admin,leader,user,guest`',
  'usage.move': 'Usage: `/oa move @person &lt;department-key&gt;`',
  'usage.head': 'Usage: `/oa head &lt;department-key&gt; @person`',
  'usage.suspend': 'Usage: `/oa suspend @person`',
  'usage.reactivate': 'Usage: `/oa reactivate @person`',
  'usage.language': 'Usage: `/oa language en|zh-TW|auto`',
  'usage.status': 'Usage: `/oa status LV-2026-0007`',
  'usage.search':
    'Usage: `/oa search [words] [LV-2026-0007] [type:leave] [status:approved] [by:@person] [from:2026-01-01] [to:2026-12-31]`',
  'usage.export': 'Usage: `/oa export 2026-01-01 2026-12-31`',
  'usage.lock-my-account':
    'Usage: `/oa lock-my-account &lt;what happened&gt;` — locks your own account at once; an admin reactivates it after checking.',
  'lock.done':
    'Your platform account is locked: nothing can be done with it until an administrator has checked and reactivated it. The administrators are told. Secure your Slack account too (change its password, sign out other sessions).',
  'lock.adminNotice':
    '🔒 {who} locked their own account: “{what}”. Check what the account did (the audit log, `/oa search by:` them) and reactivate it with `/oa reactivate` when it is safe.',
  'help.cmd.lock': '`/oa lock-my-account &lt;what happened&gt;` — your account was misused? Lock it at once',
  'usage.cancel': 'Usage: `/oa cancel LV-2026-0007 &lt;reason&gt;`',

  'done.roles': 'Done: {who} now has the roles {roles} (was {before}).',
  'done.move': 'Done: {who} moved to {department} (was {before}).',
  'done.head': 'Done: {who} is now head of {department} (was {before}).',
  'done.suspend': 'Done: {who} is suspended. They can no longer use the platform.',
  'done.reactivate': 'Done: {who} is active again.',
  'done.language': 'Done: I’ll speak {language} with you from now on.',
  'language.en': 'English',
  'language.zh-TW': 'Traditional Chinese (繁體中文)',
  'language.auto': 'the language of your Slack settings',

  'home.greeting': 'Hello, {name}!',
  'home.greeting.unknown': 'Welcome!',
  'home.intro':
    'This is the official affairs platform. Start requests, approve what is waiting for you and read announcements — all without leaving Slack.',
  'home.profile': 'Your profile',
  'home.commands': 'What you can do',
  'home.unregistered':
    'You are not registered yet. Register with the button below (the head of your department approves it); once you are in, this page shows your profile, your requests and what waits for you.',
  'home.suspended': 'Your account is suspended. Contact an administrator.',
  'home.footer': 'Type `/oa help` anywhere for the full list of commands.',
  'search.title': 'Found {total} {total|request|requests}',
  'search.none':
    'No finished request matches. Requests still in review are on their tracking cards and in `/approvals`.',
  'search.more': 'Showing the first {shown} of {total}; narrow the search to see others.',
  'export.done': 'The export of {from} – {to} ({rows} {rows|request|requests}) is in our DM.',
  'export.comment': 'Requests submitted {from} – {to}',
  'cancel.done': 'Cancelled {reference}. The requester and the approvers are told.',
  'backup.failed':
    '⚠️ The scheduled backup ({slot}) failed: {error}\nIt is tried again at the next checks, at most 3 times a day. What to do: `docs/operations.md`, backups and restores.',
  'drill.passed':
    '✅ Restore drill passed: {backup} restored into a scratch database and checked in {rto} s (RTO); it was {rpo} h old (RPO).',
  'drill.started':
    'Restore drill started: the newest backup is being restored into a scratch database and checked. Every admin gets the result in a DM.',
  'drill.running': 'A restore drill is already running; every admin gets its result in a DM.',
  'drill.unavailable': 'Restore drills are not available in this process.',
  'help.cmd.drill': '`/oa drill` — restore the newest backup into a scratch database now, and check it',
  'drill.failed':
    '🚨 Restore drill FAILED: {error}\nThe newest backup does not restore: treat this as an incident (`docs/emergency-plan.md`).',
} as const;
