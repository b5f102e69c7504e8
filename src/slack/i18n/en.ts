import { announceEn } from './parts/announce.en';
import { attachmentsEn } from './parts/attachments.en';
import { coreEn } from './parts/core.en';
import { deadlinesEn } from './parts/deadlines.en';
import { delegationEn } from './parts/delegation.en';
import { fanoutEn } from './parts/fanout.en';
import { filesEn } from './parts/files.en';
import { filesReviewEn } from './parts/files-review.en';
import { formsEn } from './parts/forms.en';
import { incidentsEn } from './parts/incidents.en';
import { maintenanceEn } from './parts/maintenance.en';
import { reportExtrasEn } from './parts/report-extras.en';
import { reportsEn } from './parts/reports.en';
import { supervisionEn } from './parts/supervision.en';
import { workflowsEn } from './parts/workflows.en';

/**
 * The English catalog, assembled from one part per feature (parts/<feature>.en.ts). Every key
 * must exist in zh-TW.ts with the same {placeholders}; the compiler and a test both check.
 */
export const en = {
  ...coreEn,
  ...workflowsEn,
  ...formsEn,
  ...deadlinesEn,
  ...delegationEn,
  ...announceEn,
  ...fanoutEn,
  ...reportsEn,
  ...attachmentsEn,
  ...filesReviewEn,
  ...incidentsEn,
  ...filesEn,
  ...supervisionEn,
  ...maintenanceEn,
  ...reportExtrasEn,
} as const;

export type MessageKey = keyof typeof en;
