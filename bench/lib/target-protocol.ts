import type { OursAppOptions, SlackSide } from './targets';

/** Messages between the orchestrator and a target process (one app under test). */

export type TargetSpec =
  | { kind: 'bare'; slack: SlackSide }
  /** The approvals benchmark's baseline: Approve → ack → one chat.update (approvals-targets.ts). */
  | { kind: 'bare-approve'; slack: SlackSide }
  | ({ kind: 'ours' } & OursAppOptions);

export interface TargetStats {
  /** `process.cpuUsage()` of the target process, in microseconds. */
  cpu: NodeJS.CpuUsage;
  heapUsedBytes: number;
  rssBytes: number;
}

export type ToTarget = { type: 'start'; spec: TargetSpec } | { type: 'stats' } | { type: 'stop' };

export type FromTarget =
  | { type: 'started'; eventsUrl: string }
  | { type: 'stats'; stats: TargetStats }
  | { type: 'stopped' }
  | { type: 'error'; error: string };
