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
import { sqlTransaction, sqlTransactionOrNone, transactions } from '../repositories/transaction';
import { listAllDepartments, loadOrgSnapshot } from '../repositories/workflow-directory.repository';
import {
  findIdempotentInstanceId,
  findInstanceById,
  lockSubmissionsOf,
} from '../repositories/workflow-instances.repository';

/** The announcements domain's store over the repositories (`domain/announcements/store.ts`). */
export const announcementStore: AnnouncementStore = {
  ...transactions,
  insertAnnouncement: (values, tx) => insertAnnouncement(values, sqlTransaction(tx)),
  updateAnnouncement: (id, changes, tx) => updateAnnouncement(id, changes, sqlTransaction(tx)),
  lockAnnouncement: (id, tx) => lockAnnouncement(id, sqlTransaction(tx)),
  lockAnnouncementOfReview: (reviewId, tx) => lockAnnouncementOfReview(reviewId, sqlTransaction(tx)),
  findAnnouncement: (id, tx) => findAnnouncement(id, sqlTransactionOrNone(tx)),
  findAnnouncementIdByReference: (reference, tx) =>
    findAnnouncementIdByReference(reference, sqlTransactionOrNone(tx)),
  listVisibleAnnouncements,
  insertVersion: (values, tx) => insertVersion(values, sqlTransaction(tx)),
  findApprovedVersion: (id, version, tx) => findApprovedVersion(id, version, sqlTransactionOrNone(tx)),
  recordPost: (post) => recordPost(post),
  markPosts,
  listPosts: (id, tx) => listPosts(id, sqlTransactionOrNone(tx)),

  insertAck: (announcementId, personId, tx) => insertAck(announcementId, personId, sqlTransaction(tx)),
  countAcks,
  listAcks,
  lastChase: (announcementId, tx) => lastChase(announcementId, sqlTransaction(tx)),
  insertChase: (values, tx) => insertChase(values, sqlTransaction(tx)),

  insertFanoutItems: (items, tx) => insertFanoutItems(items, sqlTransactionOrNone(tx)),
  findFanoutItems,
  fanoutProgress,

  findPersonById: (id, tx) => findPersonById(id, tx ? { transaction: sqlTransaction(tx) } : {}),
  findDepartmentById: (id) => findDepartmentById(id),
  listAllDepartments: (tx) => listAllDepartments(sqlTransactionOrNone(tx)),
  loadOrgSnapshot: (tx) => loadOrgSnapshot(sqlTransaction(tx)),

  findReview: (id, tx) => findInstanceById(id, sqlTransactionOrNone(tx)),
  findIdempotentReviewId: (slackId, key, tx) => findIdempotentInstanceId(slackId, key, sqlTransaction(tx)),
  lockSubmissionsOf: (slackUserId, tx) => lockSubmissionsOf(slackUserId, sqlTransaction(tx)),
};
