/**
 * The load generator, run in its own worker thread so that the client's own work (signing,
 * sending, timing) does not queue behind the app's work on one event loop. It also serves the
 * response_url sink: a tiny HTTP server that receives the app's follow-up answers. A reply in the
 * acknowledgement's body (Slack shows it to the person as an ephemeral message) is the answer
 * itself: it is read and checked here, and the request owes no follow-up.
 *
 * Closed loop: `concurrency` lanes, each sending its next request as soon as the previous one is
 * answered, over keep-alive connections (one per lane), so TCP setup is not measured.
 */
import { createHmac } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type {
  DrainResult,
  InitResult,
  PhaseResult,
  PhaseSpec,
  WorkerRequest,
  WorkerResponse,
} from './load-protocol';

interface PhaseState {
  sendTimes: Map<number, number>;
  nextSeq: number;
  acked: number;
  firstSendAt: number;
  lastAckAt: number;
  received: number;
  inAck: number;
  malformed: number;
  duplicates: number;
  lastFollowUpAt: number;
  replyLatencies: number[];
}

const phases = new Map<number, PhaseState>();
let sinkUrl = '';
let stray = 0;
const sink = createServer((req, res) => handleFollowUp(req, res));

function handleFollowUp(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const at = performance.now();
    const match = /^\/response\/(\d+)-(\d+)$/.exec(req.url ?? '');
    const state = match ? phases.get(Number(match[1])) : undefined;
    const seq = Number(match?.[2]);
    const sentAt = state?.sendTimes.get(seq);
    if (!state || (sentAt === undefined && seq >= state.nextSeq)) {
      stray += 1;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"ok":false,"error":"no_service"}');
      return;
    }
    if (sentAt === undefined) state.duplicates += 1;
    else replied(state, seq, sentAt, at, Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
}

/** Counts the one reply a request owes, from its ack's body or its follow-up. */
function replied(state: PhaseState, seq: number, sentAt: number, at: number, body: string): void {
  state.sendTimes.delete(seq);
  state.received += 1;
  state.lastFollowUpAt = Math.max(state.lastFollowUpAt, at);
  state.replyLatencies.push(at - sentAt);
  if (!isHelpAnswer(body)) state.malformed += 1;
}

/**
 * What `/oa help` must answer: an ephemeral message (Slack's default for a command's answer, named
 * explicitly by the app) whose blocks list the commands, in either language (command names are
 * not translated).
 */
function isHelpAnswer(body: string): boolean {
  try {
    const value = JSON.parse(body) as { response_type?: unknown; text?: unknown; blocks?: unknown };
    return (
      value.response_type === 'ephemeral' &&
      typeof value.text === 'string' &&
      value.text !== '' &&
      Array.isArray(value.blocks) &&
      JSON.stringify(value.blocks).includes('/oa whoami')
    );
  } catch {
    return false;
  }
}

async function runPhase(spec: PhaseSpec): Promise<PhaseResult> {
  const target = new URL(spec.targetUrl);
  const agent = new Agent({
    keepAlive: true,
    maxSockets: spec.concurrency,
    maxFreeSockets: spec.concurrency,
  });
  const state: PhaseState = {
    sendTimes: new Map(),
    nextSeq: 0,
    acked: 0,
    firstSendAt: performance.now(),
    lastAckAt: 0,
    received: 0,
    inAck: 0,
    malformed: 0,
    duplicates: 0,
    lastFollowUpAt: 0,
    replyLatencies: [],
  };
  phases.set(spec.phase, state);
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = spec.stop.kind === 'duration' ? started + spec.stop.ms : Number.POSITIVE_INFINITY;
  const limit = spec.stop.kind === 'requests' ? spec.stop.count : Number.POSITIVE_INFINITY;

  const sendOne = (seq: number) =>
    new Promise<void>((resolve) => {
      const responseUrl = `${sinkUrl}/response/${spec.phase}-${seq}`;
      const prefix = spec.bodyPrefixes[seq % spec.bodyPrefixes.length]!;
      const body = `${prefix}&response_url=${encodeURIComponent(responseUrl)}&trigger_id=${spec.phase}.${seq}.bench`;
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', spec.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      const sentAt = performance.now();
      if (spec.expectReplies) state.sendTimes.set(seq, sentAt);
      let settled = false;
      const finish = (status: number, error?: string, body = '') => {
        if (settled) return;
        settled = true;
        const at = performance.now();
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (error !== undefined) errors[error] = (errors[error] ?? 0) + 1;
        else latencies.push(at - sentAt);
        if (status === 200) {
          state.acked += 1;
          state.lastAckAt = Math.max(state.lastAckAt, at);
          // An ack with a body is the reply; unless a follow-up for this request already came.
          if (spec.expectReplies && body !== '') {
            if (state.sendTimes.has(seq)) {
              state.inAck += 1;
              replied(state, seq, sentAt, at, body);
            } else state.duplicates += 1;
          }
        }
        resolve();
      };
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': signature,
          },
        },
        (res) => {
          // Read by every target alike (the bare app's body is empty), so reading costs both the same.
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            finish(
              res.statusCode ?? 0,
              undefined,
              chunks.length ? Buffer.concat(chunks).toString('utf8') : '',
            ),
          );
          res.on('error', (error) => finish(0, error.message));
        },
      );
      req.setTimeout(spec.timeoutMs, () => req.destroy(new Error(`timeout after ${spec.timeoutMs} ms`)));
      req.on('error', (error) => finish(0, error.message));
      req.end(body);
    });

  const lane = async () => {
    while (state.nextSeq < limit && performance.now() < deadline) {
      const seq = state.nextSeq;
      state.nextSeq += 1;
      await sendOne(seq);
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, lane));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    phase: spec.phase,
    sent: state.nextSeq,
    statuses,
    errors,
    elapsedMs,
    latencies: Float64Array.from(latencies),
  };
}

async function drain(phase: number, timeoutMs: number): Promise<DrainResult> {
  const state = phases.get(phase);
  if (!state) throw new Error(`no phase ${phase}`);
  const giveUpAt = performance.now() + timeoutMs;
  while (state.received < state.acked && performance.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const end =
    state.received >= state.acked ? Math.max(state.lastFollowUpAt, state.lastAckAt) : performance.now();
  return {
    phase,
    expected: state.acked,
    received: state.received,
    inAck: state.inAck,
    malformed: state.malformed,
    duplicates: state.duplicates,
    drainMs: Math.max(0, end - state.lastAckAt),
    totalMs: end - state.firstSendAt,
    replyLatencies: Float64Array.from(state.replyLatencies),
  };
}

async function handle(message: WorkerRequest): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  switch (message.type) {
    case 'init': {
      if (!sinkUrl) {
        await new Promise<void>((resolve, reject) => {
          sink.once('error', reject);
          sink.listen(0, '127.0.0.1', () => resolve());
        });
        sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
      }
      const result: InitResult = { sinkUrl, stray };
      return { result, transfer: [] };
    }
    case 'run': {
      const result = await runPhase(message.spec);
      return { result, transfer: [result.latencies.buffer as ArrayBuffer] };
    }
    case 'drain': {
      const result = await drain(message.phase, message.timeoutMs);
      return { result, transfer: [result.replyLatencies.buffer as ArrayBuffer] };
    }
    case 'close': {
      const result: InitResult = { sinkUrl, stray };
      await new Promise<void>((resolve) => {
        sink.close(() => resolve());
        sink.closeAllConnections();
      });
      return { result, transfer: [] };
    }
  }
}

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs in a worker thread: start it with startLoadWorker()');
port.on('message', (message: WorkerRequest) => {
  handle(message).then(
    ({ result, transfer }) =>
      port.postMessage({ id: message.id, ok: true, result } satisfies WorkerResponse, transfer),
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerResponse),
  );
});
