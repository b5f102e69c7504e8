import { findActor, isGuestOnly, requireMember, requireRequester } from './actors';
import { carryAttachmentState } from './attachments.service';
import { type Actor, Change } from './change';
import type { WorkflowDeps } from './deps';
import { fieldViews, searchTextOf } from './form-display';
import type { RawFormValues, RegistrationInput, ValidationResult } from './form-types';
import { validateValues } from './form-validation';
import { departmentName } from './instance-view';
import type { FormValues } from './model';
import type { TemplateRecord } from './records';
import { type OrgSnapshot, planRoute, type RoutingNote, routePersonIds } from './route';
import { timeZoneOf } from './settings';
import type { Tx } from './store';
import { latestTemplate, templateVersion } from './template.service';
import { nextNumber, startStep } from './transitions';
import { validationContext } from './validation-context';
import type { SubmitResult } from './view-types';
import { WorkflowError } from './workflow-errors';

/**
 * Starting a request, resubmitting it after a rejection or return, and registration. A person's
 * submissions are serialised (an advisory lock on their Slack id), so a retried submission finds
 * its idempotency key and two overlapping leave requests cannot both pass the overlap check.
 */

const MAX_IDEMPOTENCY_KEY = 255;

/** Validates a form as the requester would submit it (e.g. while the modal is open). */
export async function validateForm(
  deps: WorkflowDeps,
  templateKey: string,
  requesterSlackId: string,
  values: RawFormValues,
): Promise<ValidationResult> {
  const template = await latestTemplate(deps, templateKey);
  const requester =
    template.definition.purpose === 'registration'
      ? await findActor(deps.store, requesterSlackId)
      : await requireMember(deps.store, requesterSlackId);
  return validateValues(
    template.definition,
    values,
    validationContext(deps, {
      requesterSlackId,
      templateKey,
      timeZone: timeZoneOf(deps.settings, requester),
    }),
  );
}

export async function submitRequest(
  deps: WorkflowDeps,
  requesterSlackId: string,
  templateKey: string,
  values: RawFormValues,
  options: { idempotencyKey?: string } = {},
): Promise<SubmitResult> {
  const template = await latestTemplate(deps, templateKey);
  if (template.definition.purpose !== 'request')
    throw new WorkflowError('template_not_startable', { key: templateKey });
  checkIdempotencyKey(options.idempotencyKey);
  return deps.store.inTransaction(async (transaction) => {
    await deps.store.lockSubmissionsOf(requesterSlackId, transaction);
    const person = await requireMember(deps.store, requesterSlackId, transaction);
    const duplicate = await earlierSubmission(deps, requesterSlackId, options.idempotencyKey, transaction);
    if (duplicate) return duplicate;
    const validation = await validateValues(
      template.definition,
      values,
      validationContext(deps, {
        requesterSlackId,
        templateKey,
        timeZone: timeZoneOf(deps.settings, person),
        transaction,
      }),
    );
    if (!validation.ok) return validation;
    return createRequest(deps, transaction, {
      template,
      requester: {
        personId: person.id,
        slackUserId: requesterSlackId,
        name: person.name,
        departmentId: person.departmentId,
      },
      values: validation.normalized,
      idempotencyKey: options.idempotencyKey,
    });
  });
}

/**
 * Whether this Slack user may start a registration, read before its form opens so nobody fills
 * in a form that cannot be sent (submitRegistration re-checks in its own transaction).
 */
export async function checkMayRegister(deps: WorkflowDeps, slackId: string): Promise<void> {
  await deps.store.inTransaction(async (transaction) => {
    const existing = await findActor(deps.store, slackId, transaction);
    if (existing?.status === 'suspended') throw new WorkflowError('suspended');
    if (existing) throw new WorkflowError('already_registered');
    const open = await deps.store.findOpenRegistration(slackId, transaction);
    if (open) throw new WorkflowError('already_pending', { reference: open.reference });
  });
}

/** An unregistered person asks to join a department; its head approves; then they are a user. */
export async function submitRegistration(
  deps: WorkflowDeps,
  slackId: string,
  input: RegistrationInput,
  options: { idempotencyKey?: string } = {},
): Promise<SubmitResult> {
  const template = await latestTemplate(deps, 'registration');
  checkIdempotencyKey(options.idempotencyKey);
  const values: RawFormValues = {
    name: input.name,
    department: input.departmentKey,
    position: input.position,
    contact: input.contact,
  };
  return deps.store.inTransaction(async (transaction) => {
    await deps.store.lockSubmissionsOf(slackId, transaction);
    const existing = await findActor(deps.store, slackId, transaction);
    if (existing?.status === 'suspended') throw new WorkflowError('suspended');
    if (existing) throw new WorkflowError('already_registered');
    const duplicate = await earlierSubmission(deps, slackId, options.idempotencyKey, transaction);
    if (duplicate) return duplicate;
    const open = await deps.store.findOpenRegistration(slackId, transaction);
    if (open) throw new WorkflowError('already_pending', { reference: open.reference });
    const validation = await validateValues(
      template.definition,
      values,
      validationContext(deps, {
        requesterSlackId: slackId,
        templateKey: template.key,
        timeZone: timeZoneOf(deps.settings, null),
        transaction,
      }),
    );
    if (!validation.ok) return validation;
    const department = await deps.store.findDepartmentByKey(
      String(validation.normalized.department),
      transaction,
    );
    return createRequest(deps, transaction, {
      template,
      requester: {
        personId: null,
        slackUserId: slackId,
        name: String(validation.normalized.name),
        departmentId: department?.id ?? null,
      },
      values: validation.normalized,
      idempotencyKey: options.idempotencyKey,
    });
  });
}

/** A new revision of a rejected or returned request: the form may change, approval restarts. */
export async function resubmit(
  deps: WorkflowDeps,
  requesterSlackId: string,
  instanceId: number,
  values: RawFormValues,
): Promise<SubmitResult> {
  return deps.store.inTransaction(async (transaction) => {
    await deps.store.lockSubmissionsOf(requesterSlackId, transaction);
    const instance = await deps.store.lockInstance(instanceId, transaction);
    if (!instance) throw new WorkflowError('not_found', { what: 'request' });
    const person = await requireRequester(deps.store, requesterSlackId, instance, transaction);
    if (person && isGuestOnly(person)) throw new WorkflowError('guest_forbidden');
    if (instance.status !== 'rejected' && instance.status !== 'returned')
      throw new WorkflowError('invalid_state', { status: instance.status });
    // The request keeps the template version it started with.
    const template = await templateVersion(deps, instance.templateId, transaction);
    const validation = await validateValues(
      template.definition,
      values,
      validationContext(deps, {
        requesterSlackId,
        templateKey: template.key,
        timeZone: timeZoneOf(deps.settings, person),
        excludeInstanceId: instance.id,
        transaction,
      }),
    );
    if (!validation.ok) return validation;
    // Files attached before keep their library copies (attachments.service.ts).
    const form = carryAttachmentState(template.definition, instance.form, validation.normalized);
    const registrationDepartment =
      template.definition.purpose === 'registration'
        ? ((await deps.store.findDepartmentByKey(String(form.department), transaction))?.id ?? null)
        : null;
    const departmentId = registrationDepartment ?? person?.departmentId ?? instance.departmentId;
    const org = await deps.store.loadOrgSnapshot(transaction);
    const { route, notes } = planRoute(
      template.definition,
      { personId: person?.id ?? null, departmentId },
      form,
      org,
    );

    const actor: Actor = { personId: person?.id ?? null, slackUserId: requesterSlackId };
    const change = new Change(deps, transaction, instance, template.definition, actor);
    const revision = instance.revision + 1;
    const requesterName = person?.name ?? String(form.name ?? instance.requesterName);
    change.update({
      status: 'in_review',
      revision,
      form,
      route,
      departmentId,
      decidedAt: null,
      requesterName,
      participantPersonIds: [...new Set([...instance.participantPersonIds, ...routePersonIds(route)])],
      searchText: await searchTextFor(
        deps,
        template,
        instance.reference,
        requesterName,
        form,
        org,
        transaction,
      ),
    });
    await deps.store.createRevision(
      { instanceId: instance.id, revision, form, route, submittedAt: change.now },
      transaction,
    );
    change.event('resubmitted', { data: { revision } });
    recordRoutingNotes(change, notes);
    change.audit(
      'workflow.resubmitted',
      { status: instance.status, revision: instance.revision },
      { status: 'in_review', revision },
    );
    await startStep(change, 0);
    change.notifications.add('request_updated', change.requester, {
      instanceId: instance.id,
      event: 'resubmitted',
    });
    await change.write();
    return { ok: true, instanceId: instance.id, reference: instance.reference, duplicate: false };
  });
}

// --- shared -----------------------------------------------------------------------------------

function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY))
    throw new WorkflowError('invalid_input', { field: 'idempotencyKey', value: key.slice(0, 40) });
}

async function earlierSubmission(
  deps: WorkflowDeps,
  slackId: string,
  key: string | undefined,
  transaction: Tx,
): Promise<SubmitResult | null> {
  if (key === undefined) return null;
  const instanceId = await deps.store.findIdempotentInstanceId(slackId, key, transaction);
  if (instanceId === null) return null;
  const instance = await deps.store.findInstanceById(instanceId, transaction);
  return instance ? { ok: true, instanceId, reference: instance.reference, duplicate: true } : null;
}

export interface NewRequest {
  template: TemplateRecord;
  requester: { personId: number | null; slackUserId: string; name: string; departmentId: number | null };
  values: FormValues;
  idempotencyKey: string | undefined;
}

/** Creates a request in the caller's transaction (the announcements domain starts its reviews so). */
export async function createRequest(
  deps: WorkflowDeps,
  transaction: Tx,
  request: NewRequest,
): Promise<SubmitResult> {
  const { template, requester, values } = request;
  const org = await deps.store.loadOrgSnapshot(transaction);
  const { route, notes } = planRoute(template.definition, requester, values, org);
  const reference = await nextNumber(deps, 'ref', template.definition.prefix, transaction);
  const participants = [
    ...new Set([...(requester.personId === null ? [] : [requester.personId]), ...routePersonIds(route)]),
  ];
  const instance = await deps.store.createInstance(
    {
      reference,
      templateId: template.id,
      templateKey: template.key,
      requesterPersonId: requester.personId,
      requesterSlackId: requester.slackUserId,
      requesterName: requester.name,
      departmentId: requester.departmentId,
      status: 'in_review',
      revision: 1,
      currentStep: null,
      form: values,
      route,
      participantPersonIds: participants,
      searchText: await searchTextFor(deps, template, reference, requester.name, values, org, transaction),
    },
    transaction,
  );
  const change = new Change(deps, transaction, instance, template.definition, {
    personId: requester.personId,
    slackUserId: requester.slackUserId,
  });
  await deps.store.createRevision(
    { instanceId: instance.id, revision: 1, form: values, route, submittedAt: change.now },
    transaction,
  );
  change.event('submitted', { data: { templateVersion: template.version } });
  recordRoutingNotes(change, notes);
  change.audit('workflow.submitted', null, {
    template: template.key,
    templateVersion: template.version,
    steps: route.steps.map((step) => ({ key: step.key, approvers: step.approverPersonIds })),
  });
  await startStep(change, 0);
  change.notifications.add('request_updated', change.requester, {
    instanceId: instance.id,
    event: 'submitted',
  });
  if (request.idempotencyKey !== undefined)
    await deps.store.saveIdempotencyKey(
      requester.slackUserId,
      request.idempotencyKey,
      instance.id,
      transaction,
    );
  await change.write();
  return { ok: true, instanceId: instance.id, reference, duplicate: false };
}

/** Fallbacks taken while routing go to the history and the audit log. */
function recordRoutingNotes(change: Change, notes: readonly RoutingNote[]): void {
  for (const note of notes) {
    const stepIndex = change.instance.route.steps.findIndex((step) => step.key === note.stepKey);
    change.event('routed', { stepIndex, data: { ...note } });
    change.audit(
      `workflow.route_${note.fallback}`,
      { step: note.stepKey, resolved: note.resolved },
      {
        step: note.stepKey,
        approvers: note.approverPersonIds,
      },
    );
  }
}

async function searchTextFor(
  deps: WorkflowDeps,
  template: TemplateRecord,
  reference: string,
  requesterName: string,
  values: FormValues,
  org: OrgSnapshot,
  transaction: Tx,
): Promise<string> {
  const departments = new Map(
    (await deps.store.listAllDepartments(transaction)).map((d) => [d.key, departmentName(d)]),
  );
  const names = new Map(org.people.flatMap((p) => (p.slackUserId ? [[p.slackUserId, p.name] as const] : [])));
  const fields = fieldViews(template.definition, values, {
    personName: (slackUserId) => names.get(slackUserId),
    department: (key) => departments.get(key),
  });
  return searchTextOf({
    reference,
    documentNumber: null,
    requesterName,
    title: template.definition.title,
    fields,
  });
}
