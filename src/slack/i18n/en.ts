import { announceEn } from './parts/announce.en';
import { coreEn } from './parts/core.en';
import { deadlinesEn } from './parts/deadlines.en';
import { delegationEn } from './parts/delegation.en';
import { fanoutEn } from './parts/fanout.en';
import { formsEn } from './parts/forms.en';
import { reportExtrasEn } from './parts/report-extras.en';
import { reportsEn } from './parts/reports.en';
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
  ...reportExtrasEn,
} as const;

export type MessageKey = keyof typeof en;
