/**
 * Refusals of incidents and maintenance mode; the Slack layer turns each code into a message in
 * the person's language (`details` carries what the message needs).
 */
export type IncidentErrorCode =
  | 'not_found'
  | 'already_resolved'
  | 'until_past'
  | 'until_too_far'
  | 'no_channels'
  | 'too_many_channels';

export class IncidentError extends Error {
  constructor(
    readonly code: IncidentErrorCode,
    readonly details: Record<string, string> = {},
  ) {
    super(`${code}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`);
    this.name = 'IncidentError';
  }
}

/** Thrown by `refuseIfMaintenance`: a new submission while maintenance mode is on. */
export class MaintenanceRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly until: Date,
  ) {
    super('maintenance mode is on');
    this.name = 'MaintenanceRefusal';
  }
}
