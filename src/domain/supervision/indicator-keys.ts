import type { SupervisionFigures } from './model';

/**
 * Every counted figure of a report has a key, named in the report message, and
 * `/oa report … detail <key>` lists the records behind it. The database computes each figure as
 * the count of its detail rows (db/repositories/indicator-rows.ts), so the two cannot drift; the
 * figure a key stands for is `figureOf` below (a test checks row counts against it).
 */
export const INDICATOR_KEYS = {
  workflow: [
    'requests',
    'decided',
    'rejected',
    'returned',
    'resubmissions',
    'tasks-decided',
    'sla',
    'sla-on-time',
    'overdue-now',
    'overdue-in-period',
    'escalations',
    'automatic',
  ],
  publishing: [
    'published',
    'published-late',
    'corrections',
    'withdrawals',
    'ack-items',
    'ack-audience',
    'acks-in-time',
    'chases',
  ],
  files: [
    'files-created',
    'files-active',
    'files-complete',
    'versions-later',
    'versions-noted',
    'confidential-outside',
    'downloads',
  ],
  safeOperation: ['backups', 'drills', 'suspended-now', 'suspensions', 'refused'],
  usage: ['active-people'],
} as const;

export type IndicatorGroup = keyof typeof INDICATOR_KEYS;
export type IndicatorKey = (typeof INDICATOR_KEYS)[IndicatorGroup][number];

export const ALL_INDICATOR_KEYS: readonly IndicatorKey[] = Object.values(INDICATOR_KEYS).flat();

/**
 * The keys of a person's own figures (everyone who heads nothing): their requests as requester,
 * their tasks as approver, the acknowledgements asked of them.
 */
export const PERSONAL_KEYS: readonly IndicatorKey[] = [
  'requests',
  'decided',
  'rejected',
  'returned',
  'resubmissions',
  'tasks-decided',
  'sla',
  'sla-on-time',
  'overdue-now',
  'ack-audience',
  'acks-in-time',
];

export const isIndicatorKey = (text: string): text is IndicatorKey =>
  (ALL_INDICATOR_KEYS as readonly string[]).includes(text);

/**
 * Figures whose value is the sum of a column of their rows rather than the number of rows
 * (refused interactions are kept as one counter row per day, reason and person).
 */
export const SUMMED_KEYS: Partial<Record<IndicatorKey, string>> = { refused: 'count' };

const total = (rows: ReadonlyArray<{ count: number }>) => rows.reduce((sum, row) => sum + row.count, 0);

/** The figure of a report that `key`'s detail rows make up. */
export function figureOf(key: IndicatorKey, f: SupervisionFigures): number {
  const { workflow: w, publishing: p, files, safeOperation: s } = f;
  switch (key) {
    case 'requests':
      return total(w.requests);
    case 'decided':
      return w.decided;
    case 'rejected':
      return w.rejected;
    case 'returned':
      return w.returned;
    case 'resubmissions':
      return w.resubmissions;
    case 'tasks-decided':
      return w.steps.reduce((sum, row) => sum + row.tasks, 0);
    case 'sla':
      return w.sla.tasks;
    case 'sla-on-time':
      return w.sla.onTime;
    case 'overdue-now':
      return w.overdueNow;
    case 'overdue-in-period':
      return w.overdueInPeriod;
    case 'escalations':
      return w.escalations;
    case 'automatic':
      return w.automaticDecisions;
    case 'published':
      return p.published;
    case 'published-late':
      return p.publishedLate;
    case 'corrections':
      return p.corrections;
    case 'withdrawals':
      return p.withdrawals;
    case 'ack-items':
      return p.acknowledgements.items;
    case 'ack-audience':
      return p.acknowledgements.audience;
    case 'acks-in-time':
      return p.acknowledgements.acknowledgedInTime;
    case 'chases':
      return p.chases;
    case 'files-created':
      return files.created;
    case 'files-active':
      return files.completeMetadata.files;
    case 'files-complete':
      return files.completeMetadata.complete;
    case 'versions-later':
      return files.laterVersions.versions;
    case 'versions-noted':
      return files.laterVersions.withChangeNote;
    case 'confidential-outside':
      return files.confidentialOutsideScope;
    case 'downloads':
      return files.downloads;
    case 'backups':
      return s.backups.succeeded + s.backups.failed;
    case 'drills':
      return s.drills.succeeded + s.drills.failed;
    case 'suspended-now':
      return s.suspendedNow;
    case 'suspensions':
      return s.suspensions;
    case 'refused':
      return s.refusedInteractions;
    case 'active-people':
      return f.usage.activePeople;
  }
}
