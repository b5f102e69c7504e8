/**
 * Business-rule refusals of the org domain. The Slack layer turns each code into a message from
 * the catalogs; `details` carries what the message needs (names, keys).
 */
export type OrgErrorCode =
  | 'not_registered'
  | 'suspended'
  | 'admin_only'
  | 'person_not_found'
  | 'department_not_found'
  | 'guest_exclusive'
  | 'last_admin'
  | 'self_suspend'
  | 'no_change';

export class OrgError extends Error {
  constructor(
    readonly code: OrgErrorCode,
    readonly details: Record<string, string> = {},
  ) {
    super(`${code}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`);
    this.name = 'OrgError';
  }
}
