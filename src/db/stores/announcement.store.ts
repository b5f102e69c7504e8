import type { AnnouncementStore } from '../../domain/announcements/store';
import {
  countAcks,
  insertAck,
  insertChase,
  lastChase,
  listAcks,
} from '../repositories/acknowledgements.repository';
import {
  findAnnouncement,
  findAnnouncementIdByReference,
  findApprovedVersion,
  insertAnnouncement,
  insertVersion,
  listPosts,
  listVisibleAnnouncements,
  lockAnnouncement,
  lockAnnouncementOfReview,
  markPosts,
  recordPost,
  updateAnnouncement,
} from '../repositories/announcements.repository';
import { fanoutProgress, findFanoutItems, insertFanoutItems } from '../repositories/fanout.repository';
import { findDepartmentById, findPersonById } from '../repositories/org.repository';
import { sql, sqlOrNone, transactions } from '../repositories/transaction';
import { listAllDepartments, loadOrgSnapshot } from '../repositories/workflow-directory.repository';
import {
  findIdempotentInstanceId,
  findInstanceById,
  lockSubmissionsOf,
} from '../repositories/workflow-instances.repository';

/** The announcements domain's store over the repositories (`domain/announcements/store.ts`). */
export const announcementStore: AnnouncementStore = {
  ...transactions,
  insertAnnouncement: (values, tx) => insertAnnouncement(values, sql(tx)),
  updateAnnouncement: (id, changes, tx) => updateAnnouncement(id, changes, sql(tx)),
  lockAnnouncement: (id, tx) => lockAnnouncement(id, sql(tx)),
  lockAnnouncementOfReview: (reviewId, tx) => lockAnnouncementOfReview(reviewId, sql(tx)),
  findAnnouncement: (id, tx) => findAnnouncement(id, sqlOrNone(tx)),
  findAnnouncementIdByReference: (reference, tx) => findAnnouncementIdByReference(reference, sqlOrNone(tx)),
  listVisibleAnnouncements,
  insertVersion: (values, tx) => insertVersion(values, sql(tx)),
  findApprovedVersion: (id, version, tx) => findApprovedVersion(id, version, sqlOrNone(tx)),
  recordPost: (post) => recordPost(post),
  markPosts,
  listPosts: (id, tx) => listPosts(id, sqlOrNone(tx)),

  insertAck: (announcementId, personId, tx) => insertAck(announcementId, personId, sql(tx)),
  countAcks,
  listAcks,
  lastChase: (announcementId, tx) => lastChase(announcementId, sql(tx)),
  insertChase: (values, tx) => insertChase(values, sql(tx)),

  insertFanoutItems: (items, tx) => insertFanoutItems(items, sqlOrNone(tx)),
  findFanoutItems,
  fanoutProgress,

  findPersonById: (id, tx) => findPersonById(id, tx ? { transaction: sql(tx) } : {}),
  findDepartmentById: (id) => findDepartmentById(id),
  listAllDepartments: (tx) => listAllDepartments(sqlOrNone(tx)),
  loadOrgSnapshot: (tx) => loadOrgSnapshot(sql(tx)),

  findReview: (id, tx) => findInstanceById(id, sqlOrNone(tx)),
  findIdempotentReviewId: (slackId, key, tx) => findIdempotentInstanceId(slackId, key, sql(tx)),
  lockSubmissionsOf: (slackUserId, tx) => lockSubmissionsOf(slackUserId, sql(tx)),
};
