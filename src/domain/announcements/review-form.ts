import type { FormValues } from '../workflows/model';
import {
  type AnnouncementContent,
  AUDIENCES,
  type Audience,
  CATEGORIES,
  type Category,
  IMPORTANCES,
  type Importance,
} from './types';

/**
 * The review request's form is the content under review (template `announcement`): written here
 * when a review starts, read back by the approval card's preview and, on approval, by publication.
 * Lists are comma-joined ids; times ISO 8601 (empty = none).
 */

export interface ReviewForm {
  reference: string;
  change: 'new' | 'correction';
  content: AnnouncementContent;
  publisherReview: boolean;
  /** A correction: the published content it replaces. */
  previous: Pick<
    AnnouncementContent,
    'title' | 'body' | 'category' | 'importance' | 'requireAck' | 'expiresAt'
  > | null;
}

const join = (ids: readonly string[]) => ids.join(',');
const split = (value: unknown) =>
  typeof value === 'string' && value.trim() !== ''
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const isoOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const oneOf = <T extends string>(values: readonly T[], value: unknown, fallback: T): T =>
  (values as readonly unknown[]).includes(value) ? (value as T) : fallback;

export function toReviewValues(form: ReviewForm): Record<string, string | boolean> {
  const { content, previous } = form;
  const values: Record<string, string | boolean> = {
    reference: form.reference,
    change: form.change,
    title: content.title,
    body: content.body,
    category: content.category,
    importance: content.importance,
    audience: content.audience,
    require_ack: content.requireAck,
    channels: join(content.channelIds),
    departments: join(content.departmentKeys),
    publish_at: content.publishAt ?? '',
    expires_at: content.expiresAt ?? '',
    publisher_review: form.publisherReview,
  };
  if (previous) {
    values.previous_title = previous.title;
    values.previous_body = previous.body;
    values.previous_category = previous.category;
    values.previous_importance = previous.importance;
    values.previous_require_ack = previous.requireAck;
    values.previous_expires_at = previous.expiresAt ?? '';
  }
  return values;
}

export function fromReviewValues(values: FormValues): ReviewForm {
  const content: AnnouncementContent = {
    title: text(values.title),
    body: text(values.body),
    category: oneOf<Category>(CATEGORIES, values.category, 'notice'),
    importance: oneOf<Importance>(IMPORTANCES, values.importance, 'normal'),
    audience: oneOf<Audience>(AUDIENCES, values.audience, 'departments'),
    departmentKeys: split(values.departments),
    channelIds: split(values.channels),
    requireAck: values.require_ack === true,
    publishAt: isoOrNull(values.publish_at),
    expiresAt: isoOrNull(values.expires_at),
  };
  const correction = values.change === 'correction';
  return {
    reference: text(values.reference),
    change: correction ? 'correction' : 'new',
    content,
    publisherReview: values.publisher_review === true,
    previous: correction
      ? {
          title: text(values.previous_title),
          body: text(values.previous_body),
          category: oneOf<Category>(CATEGORIES, values.previous_category, 'notice'),
          importance: oneOf<Importance>(IMPORTANCES, values.previous_importance, 'normal'),
          requireAck: values.previous_require_ack === true,
          expiresAt: isoOrNull(values.previous_expires_at),
        }
      : null,
  };
}

/** Field by field, what a correction changes (the reviewers' diff). */
export type DiffField = 'title' | 'body' | 'category' | 'importance' | 'requireAck' | 'expiresAt';

export function contentDiff(form: ReviewForm): { field: DiffField; before: string; after: string }[] {
  if (!form.previous) return [];
  const show = (value: string | boolean | null) => (value === null ? '' : String(value));
  const fields: DiffField[] = ['title', 'body', 'category', 'importance', 'requireAck', 'expiresAt'];
  return fields
    .map((field) => ({ field, before: show(form.previous![field]), after: show(form.content[field]) }))
    .filter((line) => line.before !== line.after);
}
