import type { Change } from './change';
import { assignmentsFor, recordDelegations } from './delegation-routing';
import type { WorkflowDeps } from './deps';
import { dueAtFor } from './due-time';
import type { InstanceRecord, TaskRecord } from './records';
import type { Tx } from './store';
import { todayIn } from './working-days';

export const formatNumbered = (prefix: string, year: number, value: number) =>
  `${prefix}-${year}-${String(value).padStart(4, '0')}`;

/** `<prefix>-<year>-<nnnn>` from the counter of that scope and year, in the change's transaction. */
export async function nextNumber(
  deps: WorkflowDeps,
  scope: 'ref' | 'doc',
  prefix: string,
  transaction: Tx,
): Promise<string> {
  const year = Number(todayIn(deps.settings.defaultTimeZone, deps.clock.now()).slice(0, 4));
  return formatNumbered(
    prefix,
    year,
    await deps.store.nextCounterValue(`${scope}:${prefix}`, year, transaction),
  );
}

/** Creates the tasks of a step (of the current revision) and DMs each approver a card. */
export async function startStep(change: Change, stepIndex: number): Promise<TaskRecord[]> {
  const { instance, transaction, deps } = change;
  const step = instance.route.steps[stepIndex];
  if (!step) throw new Error(`request ${instance.reference} has no step ${stepIndex}`);
  const dueAt = await dueAtFor(deps, change.template, step.key, change.now, transaction);
  // An approver who is away today has their task go to their delegate (delegation-routing.ts).
  const assignments = await assignmentsFor(change, step.approverPersonIds);
  const tasks = await deps.store.createTasks(
    assignments.map((assignment) => ({
      instanceId: instance.id,
      revision: instance.revision,
      stepIndex,
      ...assignment,
      dueAt,
    })),
    transaction,
  );
  const people = new Map(
    (
      await deps.store.findPeopleByIds(
        tasks.map((task) => task.assigneePersonId),
        transaction,
      )
    ).map((p) => [p.id, p]),
  );
  for (const task of tasks) {
    change.notifications.add(
      'task_assigned',
      {
        personId: task.assigneePersonId,
        slackUserId: people.get(task.assigneePersonId)?.slackUserId ?? null,
      },
      { instanceId: instance.id, taskId: task.id, stepIndex, revision: instance.revision },
      task.id,
    );
  }
  await recordDelegations(change, tasks);
  change.update({ currentStep: stepIndex });
  return tasks;
}

/** Ends the current revision's review: approved, rejected or returned for changes. */
export async function finishReview(
  change: Change,
  outcome: 'approved' | 'rejected' | 'returned',
): Promise<void> {
  const { instance, template, transaction, deps } = change;
  const before = { status: instance.status };
  const changes: Partial<InstanceRecord> = {
    status: outcome,
    currentStep: null,
    // A returned request is not decided: it waits for its requester.
    decidedAt: outcome === 'returned' ? null : change.now,
  };
  if (outcome === 'approved' && template.documentNumber) {
    changes.documentNumber = await nextNumber(deps, 'doc', template.documentNumber.prefix, transaction);
    changes.searchText = `${instance.searchText}\n${changes.documentNumber.toLowerCase()}`;
  }
  change.update(changes);
  change.setRevisionOutcome(outcome);
  if (outcome === 'approved' && template.purpose === 'registration') await registerRequester(change);
  // Announcements publish, file versions become current: the domain that started the review acts.
  if (template.purpose === 'announcement' || template.purpose === 'file_version') {
    const effect = deps.reviewEffects[template.purpose];
    if (!effect) throw new Error(`no review effect registered for purpose ${template.purpose}`);
    await effect(change, outcome);
  }

  change.event('completed', { data: { outcome, documentNumber: change.instance.documentNumber } });
  change.audit(`workflow.${outcome}`, before, {
    status: outcome,
    ...(change.instance.documentNumber ? { documentNumber: change.instance.documentNumber } : {}),
  });
  change.notifications.add('request_updated', change.requester, {
    instanceId: instance.id,
    event: 'decided',
  });
  change.notifications.add('request_decided', change.requester, { instanceId: instance.id, outcome });
  if (outcome === 'returned') return;
  const copied = change.instance.route.cc.filter((cc) => outcome === 'approved' || cc.when === 'decided');
  const people = await change.peopleByIds(copied.map((cc) => cc.personId));
  for (const person of people) {
    change.notifications.add(
      'cc_notified',
      { personId: person.id, slackUserId: person.slackUserId },
      { instanceId: instance.id, outcome },
    );
  }
}

/** An approved registration: the registrant becomes an active user of the chosen department. */
async function registerRequester(change: Change): Promise<void> {
  const { instance, transaction, deps } = change;
  const form = instance.form;
  const departmentId = instance.departmentId;
  if (departmentId === null) throw new Error(`registration ${instance.reference} has no department`);
  const { person, created, before } = await deps.store.applyRegistration(
    {
      slackUserId: instance.requesterSlackId,
      name: String(form.name),
      departmentId,
      position: String(form.position),
      contact: String(form.contact),
    },
    transaction,
  );
  change.update({
    requesterPersonId: person.id,
    participantPersonIds: [...new Set([...instance.participantPersonIds, person.id])],
  });
  change.auditOther({
    actor: change.actor.slackUserId,
    action: created ? 'person.registered' : 'person.registration_applied',
    subjectType: 'person',
    subjectId: instance.requesterSlackId,
    before,
    after: {
      name: person.name,
      departmentId,
      position: person.position,
      contact: person.contact,
      roles: person.roles,
      status: person.status,
      registration: instance.reference,
    },
  });
}
