export { SlackApiError } from './api-error';
export { FILE_LIMITS } from './api-methods/files';
export { BLOCK_KIT_LIMITS, messageBlockProblems, viewProblems } from './block-kit-limits';
export type { FileFill, FileToUpload, FillValue } from './block-kit-state';
// How Slack builds a view's state values: for app tests that read a submission without a click.
export { buildStateValues, FILE_INPUT_LIMITS, withGeneratedIds } from './block-kit-state';
export type { DeliverOptions, DeliveryKind, DeliveryResult } from './delivery';
export { SLACK_ACK_TIMEOUT_MS } from './delivery';
export { SlackEmulator, type SlackEmulatorOptions, type WaitForOptions } from './emulator';
// The payloads Slack sends, for tests of hand-made ones.
export { type AppIdentity, commandBody, interactionBase } from './payloads';
export { type RateLimitRule, type RateLimitTable, SLACK_RATE_LIMITS } from './rate-limiter';
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './response-urls';
export { computeSlackSignature, slackSignatureHeaders } from './signing';
export type { SurfaceRef } from './surfaces';
export type * from './types';
export type {
  ButtonQuery,
  CommandResult,
  InteractionResult,
  SelectQuery,
  SubmitOutcome,
  SubmitResult,
  UserSession,
} from './user-session';
export { MAX_MODAL_STACK, TRIGGER_TTL_MS } from './views-state';
export type { ApiCallRecord, InjectedFailure } from './web-api';
export { API_METHODS } from './web-api';
export { keepWorkspaceIn, readWorkspaceFile, type WorkspaceFile } from './workspace-file';
export { type AddChannelInput, type AddUserInput, SLACKBOT_USER_ID } from './workspace-state';
