import type { AuditLog } from '../audit/audit.service';
import type { Clock } from '../tx';
import type { ReviewEngine } from './reviews';
import type { AnnouncementSettings } from './settings';
import type { AnnouncementStore } from './store';

/** What every announcement service is built with, once, by the composition root. */
export interface AnnouncementDeps {
  store: AnnouncementStore;
  reviews: ReviewEngine;
  audit: AuditLog;
  clock: Clock;
  settings: Readonly<AnnouncementSettings>;
}
