import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import type { SlashCommand } from '../ids';
import { registerAckStatusAction } from './actions/ack-status.action';
import { registerAnnouncementAckAction } from './actions/announcement-ack.action';
import { registerAnnouncementAckPreviewAction } from './actions/announcement-ack-preview.action';
import { registerAnnouncementEditAction } from './actions/announcement-edit.action';
import { registerAnnouncementRetractAction } from './actions/announcement-retract.action';
import { registerApprovalsPageAction } from './actions/approvals-page.action';
import { registerApproveAction } from './actions/approve.action';
import { registerChaseAction } from './actions/chase.action';
import { registerDecisionModalActions } from './actions/decision-modal.action';
import { registerDetailsAction } from './actions/details.action';
import { registerFileDownloadAction } from './actions/file-download.action';
import { registerFileEditAction } from './actions/file-edit.action';
import { registerFileNewVersionAction } from './actions/file-new-version.action';
import { registerFileOpenAction } from './actions/file-open.action';
import { registerFileShareAction } from './actions/file-share.action';
import { registerFileVersionsAction } from './actions/file-versions.action';
import { registerFileWithdrawAction } from './actions/file-withdraw.action';
import { registerHandOverAction } from './actions/hand-over.action';
import { registerNudgeAction } from './actions/nudge.action';
import { registerRegisterAction } from './actions/register.action';
import { registerReportHomeAction } from './actions/report-home.action';
import { registerResubmitAction } from './actions/resubmit.action';
import { registerSpotCheckActions } from './actions/spot-check.action';
import { registerStartRequestAction } from './actions/start-request.action';
import { registerWithdrawAction } from './actions/withdraw.action';
import { registerAnnounceCommand } from './commands/announce.command';
import { registerApprovalsCommand } from './commands/approvals.command';
import { registerDocumentCommand } from './commands/document.command';
import { registerFilesCommand } from './commands/files.command';
import { registerLeaveCommand } from './commands/leave.command';
import { registerOaCommand } from './commands/oa.command';
import { registerRequestCommand } from './commands/request.command';
import { registerAppHomeOpened } from './events/app-home-opened.event';
import { type ListenerApp, listenerRouter } from './router';
import { registerSaveToLibraryShortcut } from './shortcuts/save-to-library.shortcut';
import { registerAnnouncementComposer } from './views/announcement-composer.view';
import { registerFileEditForm } from './views/file-edit.view';
import { registerFileNewVersionForm } from './views/file-new-version.view';
import { registerFileShareForm } from './views/file-share.view';
import { registerFileUploadForm } from './views/file-upload.view';
import { registerFindingForms } from './views/finding-form.view';
import { registerReasonForm } from './views/reason-form.view';
import { registerRequestForm } from './views/request-form.view';
import { registerTemplatePicker } from './views/template-picker.view';

type Register = (app: ListenerApp, deps: SlackDeps) => void;

/**
 * Which module answers each slash command. Keyed by SlashCommand, so a command declared in ids.ts
 * without a listener does not compile; the manifest test compares these keys with the manifests.
 */
export const COMMAND_LISTENERS: Record<SlashCommand, Register> = {
  '/oa': registerOaCommand,
  '/leave': registerLeaveCommand,
  '/document': registerDocumentCommand,
  '/request': registerRequestCommand,
  '/approvals': registerApprovalsCommand,
  '/announce': registerAnnounceCommand,
  '/files': registerFilesCommand,
};

/** Buttons, form submissions and events. */
const OTHER_LISTENERS: Register[] = [
  registerApproveAction,
  registerWithdrawAction,
  registerDecisionModalActions,
  registerDetailsAction,
  registerReasonForm,
  registerAnnouncementAckAction,
  registerAckStatusAction,
  registerChaseAction,
  registerAnnouncementEditAction,
  registerAnnouncementRetractAction,
  registerAnnouncementAckPreviewAction,
  registerAnnouncementComposer,
  registerApprovalsPageAction,
  registerNudgeAction,
  registerHandOverAction,
  registerRegisterAction,
  registerReportHomeAction,
  registerStartRequestAction,
  registerResubmitAction,
  registerRequestForm,
  registerTemplatePicker,
  registerSpotCheckActions,
  registerFindingForms,
  registerAppHomeOpened,
  registerFileShareAction,
  registerFileShareForm,
  registerFileOpenAction,
  registerFileDownloadAction,
  registerFileVersionsAction,
  registerFileNewVersionAction,
  registerFileEditAction,
  registerFileWithdrawAction,
  registerFileUploadForm,
  registerFileNewVersionForm,
  registerFileEditForm,
  registerSaveToLibraryShortcut,
];

/**
 * Every listener, one file each, registered through the router: one Bolt middleware finds the
 * listener in a map instead of Bolt running one chain per listener (router.ts; the figures are in
 * listeners/README.md).
 */
export function registerListeners(app: App, deps: SlackDeps): void {
  const router = listenerRouter(app);
  for (const register of [...Object.values(COMMAND_LISTENERS), ...OTHER_LISTENERS]) register(router, deps);
}
