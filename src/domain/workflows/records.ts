import type { AutoHandling, EventKind, FormValues, InstanceStatus, StoredRoute, TaskStatus } from './model';
import type { TemplateDefinition } from './template-schema';

/**
 * The engine's rows as its store hands them out: plain data, owned by the domain. The database
 * implementation (db/workflow-store.ts) returns its models' rows here, and the compiler checks
 * that they fit.
 */

export type { DepartmentRecord, PersonRecord } from '../org/model';

export interface TemplateRecord {
  id: number;
  key: string;
  version: number;
  definition: TemplateDefinition;
  checksum: string;
  createdAt: Date;
}

export interface InstanceRecord {
  id: number;
  reference: string;
  templateId: number;
  templateKey: string;
  requesterPersonId: number | null;
  requesterSlackId: string;
  requesterName: string;
  departmentId: number | null;
  status: InstanceStatus;
  revision: number;
  currentStep: number | null;
  form: FormValues;
  route: StoredRoute;
  participantPersonIds: number[];
  searchText: string;
  documentNumber: string | null;
  cardChannel: string | null;
  cardTs: string | null;
  createdAt: Date;
  updatedAt: Date;
  decidedAt: Date | null;
}

export interface RevisionRecord {
  instanceId: number;
  revision: number;
  form: FormValues;
  route: StoredRoute;
  submittedAt: Date;
  outcome: InstanceStatus | null;
}

export interface TaskRecord {
  id: number;
  instanceId: number;
  revision: number;
  stepIndex: number;
  assigneePersonId: number;
  onBehalfOfPersonId: number | null;
  delegationId: number | null;
  status: TaskStatus;
  decidedAt: Date | null;
  comment: string | null;
  dueAt: Date | null;
  remindersSent: number;
  escalatedAt: Date | null;
  nudgedAt: Date | null;
  autoHandling: AutoHandling | null;
  cardChannel: string | null;
  cardTs: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface EventRecord {
  id: string;
  instanceId: number;
  revision: number;
  stepIndex: number | null;
  taskId: number | null;
  kind: EventKind;
  actorPersonId: number | null;
  actorSlackId: string | null;
  text: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export interface DelegationRecord {
  id: number;
  personId: number;
  delegatePersonId: number;
  startDate: string;
  endDate: string;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  endedBySlackId: string | null;
}

export interface HolidayRecord {
  date: string;
  name: string;
  nameZh: string;
}
