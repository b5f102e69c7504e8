/** Every slash command, action_id, callback_id and block_id the app uses, in one place. */
export const SLASH_COMMANDS = [
  '/oa',
  '/leave',
  '/document',
  '/request',
  '/approvals',
  '/announce',
  '/files',
] as const;
export type SlashCommand = (typeof SLASH_COMMANDS)[number];

export const BLOCK_IDS = {
  helpCommands: 'help_commands',
  homeProfile: 'home_profile',
  taskActions: 'wf_task_actions',
  requestActions: 'wf_request_actions',
  reasonInput: 'wf_reason',
  transferTarget: 'wf_transfer_to',
} as const;

/** Buttons on approval and tracking cards. Their `value` is a task id or an instance id. */
export const ACTION_IDS = {
  approve: 'wf_approve',
  approveWithComment: 'wf_approve_comment',
  reject: 'wf_reject',
  return: 'wf_return',
  comment: 'wf_comment',
  transfer: 'wf_transfer',
  details: 'wf_details',
  withdraw: 'wf_withdraw',
  resubmit: 'wf_resubmit',
  nudge: 'wf_nudge',
  approvalsPage: 'wf_approvals_page',
  startRequest: 'wf_start_request',
  register: 'org_register',
  reasonText: 'reason',
  transferUser: 'user',
} as const;

export const CALLBACK_IDS = {
  requestForm: 'wf_request_form',
  reasonForm: 'wf_reason_form',
  templatePicker: 'wf_template_picker',
} as const;

/**
 * The file library's buttons (issue 15). `value` is a file reference (`FILE-2026-0042`), or for
 * `download` `<reference>@<label>` to pick a version. Share and Open are answered by the sharing
 * listeners; the rest by listeners/actions/file-*.action.ts.
 */
export const FILE_ACTION_IDS = {
  download: 'file_download',
  versions: 'file_versions',
  share: 'file_share',
  open: 'file_open',
  newVersion: 'file_new_version',
  edit: 'file_edit',
  withdraw: 'file_withdraw',
} as const;

/** The file library's modals and the message shortcut. */
export const FILE_CALLBACK_IDS = {
  upload: 'file_upload',
  newVersion: 'file_new_version_form',
  edit: 'file_edit_form',
  versions: 'file_versions_list',
  saveToLibrary: 'save_to_library',
} as const;

/** The upload / edit / new version modals' input blocks; each action_id is `value`. */
export const FILE_BLOCK_IDS = {
  files: 'file_files',
  title: 'file_title',
  abstract: 'file_abstract',
  keywords: 'file_keywords',
  category: 'file_category',
  department: 'file_department',
  confidentiality: 'file_confidentiality',
  everyone: 'file_everyone',
  departments: 'file_departments',
  subDepartments: 'file_sub_departments',
  people: 'file_people',
  channels: 'file_channels',
  label: 'file_label',
  changeNote: 'file_change_note',
} as const;

/** Spot checks (issue 16): the item buttons, the Home's Close, and the two modals. */
export const SUPERVISION_IDS = {
  conforms: 'spot_conforms',
  problem: 'spot_problem',
  closeFinding: 'finding_close',
  problemForm: 'spot_problem_form',
  closeForm: 'finding_close_form',
  noteBlock: 'spot_note',
  noteInput: 'note',
  departmentBlock: 'spot_department',
  departmentInput: 'department',
  followUpBlock: 'spot_follow_up',
  followUpInput: 'user',
} as const;
