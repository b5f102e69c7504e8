/**
 * The public types of announcements (issue 5): what the Slack layer and the fan-out purposes
 * receive. Plain serialisable data: ids are numbers, times ISO 8601 strings in UTC, department
 * names in both languages. No Slack imports.
 */

import type { LocalizedText } from '../workflows/model';
import type { PersonRef } from '../workflows/view-types';

export const CATEGORIES = ['notice', 'work_update', 'policy', 'business_material'] as const;
export type Category = (typeof CATEGORIES)[number];

export const IMPORTANCES = ['normal', 'important'] as const;
export type Importance = (typeof IMPORTANCES)[number];

export const AUDIENCES = ['everyone', 'departments'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** in_review: never published yet (its review is in the workflow engine); then published, retracted or expired. */
export type AnnouncementStatus = 'in_review' | 'published' | 'retracted' | 'expired';

/** What Slack says about a target channel, looked up by the Slack layer before validation. */
export interface ChannelFacts {
  id: string;
  /** unknown: Slack does not know it, or the bot cannot see it (a private channel it is not in). */
  kind: 'public' | 'private' | 'im' | 'unknown';
  name?: string;
  archived?: boolean;
}

/** What the composer sends (already read from the modal), validated by `validateContent`. */
export interface AnnouncementInput {
  title: string;
  body: string;
  category: string;
  importance: string;
  audience: string;
  /** Department keys (restricted audience). */
  departments: string[];
  channels: ChannelFacts[];
  requireAck: boolean;
  publishAt: Date | null;
  expiresAt: Date | null;
}

/** The content as reviewed and posted. */
export interface AnnouncementContent {
  title: string;
  body: string;
  category: Category;
  importance: Importance;
  audience: Audience;
  departmentKeys: string[];
  channelIds: string[];
  requireAck: boolean;
  publishAt: string | null;
  expiresAt: string | null;
}

export const MAX_TITLE = 150; // Block Kit's header text limit
export const MAX_BODY = 3000; // one section's text, and plain_text_input's maximum
export const MAX_CHANNELS = 20;

export const ANNOUNCEMENT_ERROR_CODES = [
  'required',
  'too_long', // params: { max }
  'invalid_option',
  'unknown_channel', // params: { channel }
  'archived_channel', // params: { channel }
  'not_a_channel', // params: { channel } a DM or group DM was picked
  'public_channel_for_restricted', // params: { channel }
  'too_many_channels', // params: { max }
  'unknown_department', // params: { key }
  'publish_in_past',
  'expiry_before_publish',
  'expiry_in_past',
] as const;
export type AnnouncementFieldErrorCode = (typeof ANNOUNCEMENT_ERROR_CODES)[number];

/** The composer's fields, as the Slack layer names its blocks. */
export type ComposerField =
  | 'title'
  | 'body'
  | 'category'
  | 'importance'
  | 'audience'
  | 'departments'
  | 'channels'
  | 'publish_at'
  | 'expires_at';

export type AnnouncementFieldErrors = Partial<
  Record<ComposerField, { code: AnnouncementFieldErrorCode; params?: Record<string, string | number> }>
>;

export type AnnouncementSubmitResult =
  | { ok: true; announcementId: number; reference: string; reviewReference: string }
  | { ok: false; errors: AnnouncementFieldErrors };

/** Everything the standard message, the preview and the lists show. */
export interface AnnouncementView {
  id: number;
  reference: string;
  status: AnnouncementStatus;
  author: PersonRef;
  department: { key: string; name: LocalizedText } | null;
  /** The published content (or, while never published, the content under review). */
  content: AnnouncementContent;
  /** The version shown: the published one (or the one under review). */
  version: number;
  /** More than one version has been published: the copies carry an "edited" marker. */
  edited: boolean;
  /** When it was approved for publication (the publication date is publish_at if later). */
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawnBy: PersonRef | null;
  /** Department names of a restricted audience, for the badge. */
  audienceDepartments: LocalizedText[];
  /** The review in the workflow engine of the latest submitted content. */
  review: { instanceId: number; reference: string; status: string } | null;
  createdAt: string;
}

/** One line of `/announce list` and the Home section. */
export interface AnnouncementSummary {
  id: number;
  reference: string;
  title: string;
  category: Category;
  importance: Importance;
  audience: Audience;
  status: AnnouncementStatus;
  reviewStatus: string | null;
  authorSlackId: string | null;
  /** Readers are asked to acknowledge it. */
  requireAck: boolean;
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  /** The reader wrote it or is an admin: they may edit or retract it. */
  manageable: boolean;
}
