/**
 * The DMs telling earlier downloaders that a new version is current: fan-out items (one per person
 * and version, so a retried approval never sends twice), rendered when sent from the current state.
 */
export const NEW_VERSION_PURPOSE = 'file.new_version';

export interface NewVersionSubject {
  fileId: number;
  versionId: number;
  personId: number;
}

export interface NewVersionNotice extends NewVersionSubject {
  slackUserId: string;
}
