/**
 * Messages between the benchmark's main thread (the app under test) and the load-generator
 * worker (the HTTP client and the response_url sink). Latencies are milliseconds from
 * `performance.now()` in the worker; they cross the thread boundary as transferred Float64Arrays.
 *
 * A reply is the answer the person sees: the message in the acknowledgement's body when there is
 * one (Slack shows it as an ephemeral message), otherwise the follow-up the app POSTs to the
 * request's response_url.
 */

export interface PhaseSpec {
  /** Unique per phase; it is part of every response_url, so late follow-ups are not miscounted. */
  phase: number;
  /** `http://127.0.0.1:<port>/slack/events` */
  targetUrl: string;
  signingSecret: string;
  concurrency: number;
  stop: { kind: 'duration'; ms: number } | { kind: 'requests'; count: number };
  /**
   * One pre-encoded form body per sender without `response_url` and `trigger_id`, which the
   * worker appends per request; used round-robin.
   */
  bodyPrefixes: string[];
  timeoutMs: number;
  /**
   * Whether the target answers each request (in the ack's body or through its response_url): then
   * each acknowledged request owes one reply, and the sink waits for those not answered in the ack.
   */
  expectReplies: boolean;
}

export interface PhaseResult {
  phase: number;
  sent: number;
  /** HTTP status → count; status 0 = no response (connection error or timeout). */
  statuses: Record<string, number>;
  /** Error message → count, for requests that got no response. */
  errors: Record<string, number>;
  elapsedMs: number;
  /** Acknowledgement latencies of every request that got an HTTP response. */
  latencies: Float64Array;
}

export interface DrainResult {
  phase: number;
  /** Requests of the phase that were acknowledged with 200: each owes one reply. */
  expected: number;
  /** Replies received: `inAck` + those through response_url. */
  received: number;
  /** Replies that came in the acknowledgement's body. */
  inAck: number;
  /** Replies that were not JSON with `response_type: ephemeral` and the help's command list. */
  malformed: number;
  /** Follow-ups to a request already answered (in its ack or by an earlier follow-up). */
  duplicates: number;
  /** From the phase's last acknowledgement to its last reply (or to giving up). */
  drainMs: number;
  /** From the phase's first request to its last reply. */
  totalMs: number;
  /**
   * From sending a request to receiving its reply: the acknowledgement's latency when the reply
   * came in it, else the follow-up's arrival at the sink.
   */
  replyLatencies: Float64Array;
}

export type WorkerRequest =
  | { id: number; type: 'init' }
  | { id: number; type: 'run'; spec: PhaseSpec }
  | { id: number; type: 'drain'; phase: number; timeoutMs: number }
  | { id: number; type: 'close' };

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

export interface InitResult {
  /** Base URL of the response_url sink; follow-ups go to `<sinkUrl>/response/<phase>-<seq>`. */
  sinkUrl: string;
  /** Follow-ups to paths the sink did not issue. */
  stray: number;
}
