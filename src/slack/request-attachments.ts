import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { WebClient } from '@slack/web-api';
import { FileLibraryError } from '../domain/files/file-errors';
import { MAX_TITLE } from '../domain/files/file-fields';
import type { FileLibrary } from '../domain/files/file-library.service';
import { PRIVATE_SCOPE } from '../domain/files/model';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import type { AttachmentOutcome, AttachmentRefusal, SlackFileRef } from '../domain/workflows/model';
import type { InstanceView } from '../domain/workflows/view-types';
import type { Logger } from '../logger';
import { approverCard } from './outbox-notifier';
import type { UserContext } from './user-context';
import { attachmentLine } from './views/workflows/attachments.view';

/**
 * After a request form is acknowledged (never inside Slack's 3 seconds), each attached Slack file
 * that the library has not answered for is read with the bot token (files.info, then GET
 * url_private_download, streamed) and stored through `FileLibrary.upload`: the requester's file,
 * their department's, internal, private, linked to the request, which is what lets its viewers
 * read it (domain/files/access.ts). The engine records each outcome on the request; the cards
 * are brought up to date; the requester is told in their DM which files were refused and why.
 * A file Slack will not give us is refused as `unreadable`. See docs/files-attachments.md.
 */

export interface AttachmentCollectorDeps {
  workflows: Pick<
    WorkflowEngine,
    'readInstanceView' | 'readTaskView' | 'recordAttachments' | 'interruptedAttachments'
  >;
  files: Pick<FileLibrary, 'upload'>;
  logger: Logger;
  /** The requester's (or an approver's) language and time zone. */
  contextFor(slackUserId: string): Promise<UserContext>;
}

/** Copies the request's pending attachments into the library; never throws (it runs after the ack). */
export async function collectAttachments(
  deps: AttachmentCollectorDeps,
  slack: { client: WebClient; token: string },
  instanceId: number,
): Promise<void> {
  try {
    const instance = await deps.workflows.readInstanceView(instanceId);
    const pending = pendingFiles(instance);
    if (pending.length === 0 || instance.requester.personId === null) return;
    const outcomes: AttachmentOutcome[] = [];
    for (const file of pending)
      outcomes.push(await storeOne(deps, slack, instance, instance.requester.personId, file));
    const { changed } = await deps.workflows.recordAttachments(instanceId, outcomes);
    if (changed === 0) return;
    await refreshApproverCards(deps, slack.client, instanceId);
    await tellRefusals(deps, slack.client, instance, outcomes, pending);
  } catch (error) {
    deps.logger.error({ err: error, instanceId }, 'request attachments: collecting failed');
  }
}

/** How long an unanswered attachment waits before a start-up takes it for interrupted. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

/**
 * At start-up: attachments whose copy a stop interrupted (still pending, the request unchanged
 * for a while) are copied now; a file Slack no longer has is refused as `unreadable`. Returns how
 * many requests were looked at; the caller kicks the outbox for their tracking cards.
 */
export async function resumeInterruptedAttachments(
  deps: AttachmentCollectorDeps,
  slack: { client: WebClient; token: string },
  olderThanMs = INTERRUPTED_AFTER_MS,
): Promise<number> {
  try {
    const ids = await deps.workflows.interruptedAttachments(olderThanMs);
    for (const id of ids) await collectAttachments(deps, slack, id);
    if (ids.length)
      deps.logger.info({ requests: ids.length }, 'request attachments: interrupted copies resumed');
    return ids.length;
  } catch (error) {
    deps.logger.error({ err: error }, 'request attachments: could not resume interrupted copies');
    return 0;
  }
}

function pendingFiles(instance: InstanceView): SlackFileRef[] {
  return instance.fields
    .filter((field) => field.type === 'files' && Array.isArray(field.value))
    .flatMap((field) => field.value as SlackFileRef[])
    .filter((file) => !file.stored && !file.refused);
}

async function storeOne(
  deps: AttachmentCollectorDeps,
  slack: { client: WebClient; token: string },
  instance: InstanceView,
  requesterPersonId: number,
  file: SlackFileRef,
): Promise<AttachmentOutcome> {
  const refused = (refusal: AttachmentRefusal): AttachmentOutcome => ({
    slackFileId: file.id,
    refused: refusal,
  });
  let body: Readable;
  try {
    body = await readSlackFile(slack, file.id);
  } catch (error) {
    deps.logger.warn({ err: error, file: file.id, instanceId: instance.id }, 'attachment unreadable');
    return refused('unreadable');
  }
  try {
    const { file: stored, version } = await deps.files.upload(requesterPersonId, {
      title: [...file.name].slice(0, MAX_TITLE).join(''),
      abstract: '',
      keywords: '',
      categoryId: null,
      departmentId: null, // the uploader's: the requester's department
      confidentiality: 'internal',
      scope: PRIVATE_SCOPE,
      label: '',
      changeNote: '',
      source: { name: file.name, open: () => body },
      workflowInstanceId: instance.id,
    });
    return { slackFileId: file.id, stored: { reference: stored.reference, size: version.sizeBytes } };
  } catch (error) {
    body.destroy();
    if (error instanceof FileLibraryError && error.refusal.code === 'upload_refused')
      return refused(error.refusal.refusal.code);
    deps.logger.warn({ err: error, file: file.id, instanceId: instance.id }, 'attachment not stored');
    return refused('unreadable');
  }
}

/** The bytes of a Slack file as a stream, read with the bot token. */
async function readSlackFile(slack: { client: WebClient; token: string }, fileId: string): Promise<Readable> {
  const info = await slack.client.files.info({ file: fileId });
  const url = info.file?.url_private_download ?? info.file?.url_private;
  if (!url) throw new Error(`files.info gave no download URL for ${fileId}`);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${slack.token}` } });
  if (!response.ok || !response.body) throw new Error(`download of ${fileId} answered ${response.status}`);
  return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
}

/** The approvers' cards already posted show the attachments as they now stand. */
async function refreshApproverCards(deps: AttachmentCollectorDeps, client: WebClient, instanceId: number) {
  const instance = await deps.workflows.readInstanceView(instanceId);
  const taskIds = instance.steps.flatMap((step) => step.tasks.map((task) => task.taskId));
  for (const taskId of taskIds) {
    const task = await deps.workflows.readTaskView(taskId);
    const approver = task.assignee.slackUserId;
    if (!task.card || !approver) continue;
    try {
      const message = approverCard(await deps.contextFor(approver), task);
      await client.chat.update({ channel: task.card.channel, ts: task.card.ts, ...message } as Parameters<
        WebClient['chat']['update']
      >[0]);
    } catch (error) {
      deps.logger.warn({ err: error, taskId }, 'request attachments: approver card not refreshed');
    }
  }
}

/** One DM to the requester listing each refused file and why (nothing when all were stored). */
async function tellRefusals(
  deps: AttachmentCollectorDeps,
  client: WebClient,
  instance: InstanceView,
  outcomes: readonly AttachmentOutcome[],
  files: readonly SlackFileRef[],
) {
  const refusals = outcomes.flatMap((outcome) => ('refused' in outcome ? [outcome] : []));
  const requester = instance.requester.slackUserId;
  if (refusals.length === 0 || !requester) return;
  const ctx = await deps.contextFor(requester);
  const lines = refusals.map((outcome) => {
    const file = files.find((f) => f.id === outcome.slackFileId);
    return attachmentLine(ctx.t, {
      ...(file ?? { id: outcome.slackFileId, name: outcome.slackFileId }),
      refused: outcome.refused,
    });
  });
  const text = ctx.t('att.refused.dm', {
    reference: instance.reference,
    files: lines.map((line) => `• ${line}`).join('\n'),
  });
  await client.chat.postMessage({ channel: requester, text });
}
