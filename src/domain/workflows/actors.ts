import type { InstanceRecord, PersonRecord } from './records';
import type { Tx, WorkflowStore } from './store';
import { WorkflowError } from './workflow-errors';

/**
 * Who is acting. The actor is always re-read inside the transaction of the change: a person
 * suspended a second ago cannot act, whatever their Slack client still shows.
 */

export const isAdmin = (person: PersonRecord) => person.status === 'active' && person.roles.includes('admin');
/**
 * The supervision group (監督小組, requirements §八): reads every request, never decides (the
 * decision paths check the task's holder, which a supervisor is not unless named on the route).
 */
export const isSupervisor = (person: PersonRecord) =>
  person.status === 'active' && person.roles.includes('supervisor');
export const isGuestOnly = (person: PersonRecord) => !person.roles.some((role) => role !== 'guest');

export async function findActor(
  store: WorkflowStore,
  slackUserId: string,
  transaction?: Tx,
): Promise<PersonRecord | null> {
  return store.findPersonBySlackId(slackUserId, transaction);
}

/** Registered and active. */
export async function requireActive(
  store: WorkflowStore,
  slackUserId: string,
  transaction?: Tx,
): Promise<PersonRecord> {
  return activeActor(await findActor(store, slackUserId, transaction));
}

/** The actor as read (null: not in the directory), refused unless registered and active. */
export function activeActor(person: PersonRecord | null): PersonRecord {
  if (!person) throw new WorkflowError('not_registered');
  if (person.status !== 'active') throw new WorkflowError('suspended');
  return person;
}

/** Registered, active, and more than a guest: may start requests. */
export async function requireMember(
  store: WorkflowStore,
  slackUserId: string,
  transaction?: Tx,
): Promise<PersonRecord> {
  return memberActor(await findActor(store, slackUserId, transaction));
}

/** The actor as read, refused unless they may start requests (also checked before a form opens). */
export function memberActor(person: PersonRecord | null): PersonRecord {
  const active = activeActor(person);
  if (isGuestOnly(active)) throw new WorkflowError('guest_forbidden');
  return active;
}

export async function requireAdmin(
  store: WorkflowStore,
  slackUserId: string,
  transaction?: Tx,
): Promise<PersonRecord> {
  const person = await requireActive(store, slackUserId, transaction);
  if (!isAdmin(person)) throw new WorkflowError('admin_only');
  return person;
}

/**
 * The requester of a request, as the actor: a registrant is not in the directory yet and is known
 * by their Slack id; anyone in the directory must be active.
 */
export async function requireRequester(
  store: WorkflowStore,
  slackUserId: string,
  instance: InstanceRecord,
  transaction: Tx,
): Promise<PersonRecord | null> {
  const person = await findActor(store, slackUserId, transaction);
  if (person && person.status !== 'active') throw new WorkflowError('suspended');
  if (!person && instance.requesterPersonId !== null) throw new WorkflowError('not_registered');
  if (instance.requesterSlackId !== slackUserId) throw new WorkflowError('not_requester');
  return person;
}

/** Requester, anyone the route names or who held a task, admins, and the supervision group (reading only). */
export function canView(
  viewer: PersonRecord | null,
  viewerSlackId: string,
  instance: InstanceRecord,
): boolean {
  if (instance.requesterSlackId === viewerSlackId) return true;
  if (!viewer) return false;
  return isAdmin(viewer) || isSupervisor(viewer) || instance.participantPersonIds.includes(viewer.id);
}
