import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';

/** The person's DM with the app (conversations.open is idempotent). */
export async function dmChannel(client: WebClient, slackUserId: string): Promise<string> {
  const dm = await client.conversations.open({ users: slackUserId });
  return dm.channel?.id ?? slackUserId;
}

/** A message in the person's DM with the app. */
export async function postToDm(
  client: WebClient,
  slackUserId: string,
  message: { text: string; blocks?: KnownBlock[] },
): Promise<void> {
  await client.chat.postMessage({ channel: await dmChannel(client, slackUserId), ...message });
}

/** POSTs `content` (of `length` bytes) to a files.getUploadURLExternal URL, streamed. */
function postStream(url: string, content: Readable, length: number): Promise<void> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(length) },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve()
            : reject(new Error(`upload URL answered ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    pipeline(content, req).catch(reject);
  });
}

/**
 * A library file into the person's DM with the app, as `files.uploadV2` does it (reserve an
 * upload URL, send the bytes, complete and share) but with the bytes streamed from the content
 * store: the SDK's `filesUploadV2` reads a stream whole into memory first.
 */
export async function uploadToDm(
  client: WebClient,
  slackUserId: string,
  file: { content: Readable; length: number; filename: string; title: string; comment: string },
): Promise<void> {
  let fileId: string;
  let channel: string;
  try {
    channel = await dmChannel(client, slackUserId);
    const reserved = await client.files.getUploadURLExternal({
      filename: file.filename,
      length: file.length,
    });
    if (!reserved.upload_url || !reserved.file_id) throw new Error('files.getUploadURLExternal gave no URL');
    fileId = reserved.file_id;
    await postStream(reserved.upload_url, file.content, file.length);
  } catch (error) {
    // The content store's stream may hold a connection: never leave it open on a failure.
    file.content.destroy();
    throw error;
  }
  await client.files.completeUploadExternal({
    files: [{ id: fileId, title: file.title }],
    channel_id: channel,
    initial_comment: file.comment,
  });
}
