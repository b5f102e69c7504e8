/** Every slash command, action_id, callback_id and block_id the app uses, in one place. */
export const SLASH_COMMANDS = ['/oa', '/leave', '/document', '/request', '/approvals', '/announce'] as const;
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
