import type { Role } from '../org/model';
import { evaluateCondition } from './conditions';
import type {
  FormValues,
  OrgDepartment,
  OrgPerson,
  RouteCc,
  RouteFallback,
  RouteStep,
  StoredRoute,
} from './model';
import type { ApproverRule, TemplateDefinition } from './template-schema';
import { WorkflowError } from './workflow-errors';

/**
 * Approver resolution. The route of a revision is planned when it is submitted: the steps whose
 * condition holds, each with its approvers. Planning is a pure function of the template, the form
 * and a snapshot of the org directory, so every rule and fallback is unit-tested without a database.
 */

export interface OrgSnapshot {
  people: readonly OrgPerson[];
  departments: readonly OrgDepartment[];
}

export interface RouteRequester {
  /** Null for a registrant, who is not in the directory yet. */
  personId: number | null;
  departmentId: number | null;
}

/** A fallback taken while planning, for the audit log. */
export interface RoutingNote {
  stepKey: string;
  fallback: RouteFallback;
  /** Who the rule named before the fallback (empty when nobody). */
  resolved: number[];
  approverPersonIds: number[];
}

export interface PlannedRoute {
  route: StoredRoute;
  notes: RoutingNote[];
}

/** Active and not a guest: the only people who may decide. */
export const canApprove = (person: OrgPerson): boolean =>
  person.status === 'active' && person.roles.some((role) => role !== 'guest');

class OrgIndex {
  readonly peopleById: Map<number, OrgPerson>;
  readonly peopleBySlackId: Map<string, OrgPerson>;
  readonly departmentsById: Map<number, OrgDepartment>;
  readonly departmentsByKey: Map<string, OrgDepartment>;

  constructor(org: OrgSnapshot) {
    this.peopleById = new Map(org.people.map((person) => [person.id, person]));
    this.peopleBySlackId = new Map(
      org.people.flatMap((person) => (person.slackUserId ? [[person.slackUserId, person] as const] : [])),
    );
    this.departmentsById = new Map(org.departments.map((department) => [department.id, department]));
    this.departmentsByKey = new Map(org.departments.map((department) => [department.key, department]));
  }

  headOf(department: OrgDepartment | undefined): OrgPerson[] {
    const head = department?.headPersonId ? this.peopleById.get(department.headPersonId) : undefined;
    return head ? [head] : [];
  }

  /**
   * Whether `person` reports to the requester, who then must not approve the requester's request
   * (issue 13 item 12): leaders are above everyone who is not a leader, and a department head is
   * above the people of their department and of the departments under it.
   */
  reportsTo(person: OrgPerson, requester: RouteRequester): boolean {
    if (requester.personId === null || person.roles.includes('leader')) return false;
    const boss = this.peopleById.get(requester.personId);
    if (boss?.roles.includes('leader')) return true;
    const seen = new Set<number>();
    let department = person.departmentId === null ? undefined : this.departmentsById.get(person.departmentId);
    while (department && !seen.has(department.id)) {
      seen.add(department.id);
      if (department.headPersonId === requester.personId) return true;
      department = department.parentId === null ? undefined : this.departmentsById.get(department.parentId);
    }
    return false;
  }

  withRole(role: Role): OrgPerson[] {
    return [...this.peopleById.values()]
      .filter((person) => person.roles.includes(role))
      .sort((a, b) => a.id - b.id);
  }
}

/** The people a rule names, before removing the requester; only the eligible (by default: who may approve). */
export function resolveRule(
  rule: ApproverRule,
  requester: RouteRequester,
  values: FormValues,
  org: OrgSnapshot | OrgIndex,
  eligible: (person: OrgPerson) => boolean = canApprove,
): OrgPerson[] {
  const index = org instanceof OrgIndex ? org : new OrgIndex(org);
  const ownDepartment =
    requester.departmentId === null ? undefined : index.departmentsById.get(requester.departmentId);
  let people: OrgPerson[];
  switch (rule.rule) {
    case 'department_head':
      people = index.headOf(ownDepartment);
      break;
    case 'head_levels_up': {
      let department = ownDepartment;
      for (let level = 1; level < rule.levels && department; level++)
        department =
          department.parentId === null ? undefined : index.departmentsById.get(department.parentId);
      people = index.headOf(department);
      break;
    }
    case 'role':
      people = index.withRole(rule.role);
      break;
    case 'department_head_of':
      people = index.headOf(index.departmentsByKey.get(rule.departmentKey));
      break;
    case 'department_head_of_field': {
      const key = values[rule.fieldId];
      people = typeof key === 'string' ? index.headOf(index.departmentsByKey.get(key)) : [];
      break;
    }
    case 'people':
      people = rule.slackIds.flatMap((slackId) => {
        const person = index.peopleBySlackId.get(slackId);
        return person ? [person] : [];
      });
      break;
    case 'requester_chosen': {
      const slackId = values[rule.fieldId];
      const person = typeof slackId === 'string' ? index.peopleBySlackId.get(slackId) : undefined;
      people = person ? [person] : [];
      break;
    }
  }
  return unique(people.filter(eligible));
}

const unique = (people: OrgPerson[]): OrgPerson[] => [...new Map(people.map((p) => [p.id, p])).values()];

/**
 * "One level up" from the requester: the first head, walking up from their own department, who is
 * not the requester, does not report to them and may approve. An employee's supervisor is their
 * own department's head; a head's is the head of the parent department; above the top, the leaders.
 */
function oneLevelUp(requester: RouteRequester, index: OrgIndex): OrgPerson[] {
  let department =
    requester.departmentId === null ? undefined : index.departmentsById.get(requester.departmentId);
  const seen = new Set<number>();
  while (department && !seen.has(department.id)) {
    seen.add(department.id);
    const [head] = index.headOf(department);
    if (head && head.id !== requester.personId && canApprove(head) && !index.reportsTo(head, requester))
      return [head];
    department = department.parentId === null ? undefined : index.departmentsById.get(department.parentId);
  }
  // Above the top department's head: the organisation's leaders.
  return index.withRole('leader').filter((person) => person.id !== requester.personId && canApprove(person));
}

/** Admins other than the requester; when the requester is the only admin, the leaders. */
function fallbackApprovers(requester: RouteRequester, index: OrgIndex): OrgPerson[] {
  const others = (people: OrgPerson[]) =>
    people.filter((p) => p.id !== requester.personId && canApprove(p) && !index.reportsTo(p, requester));
  const admins = others(index.withRole('admin'));
  return admins.length > 0 ? admins : others(index.withRole('leader'));
}

export function planRoute(
  template: TemplateDefinition,
  requester: RouteRequester,
  values: FormValues,
  org: OrgSnapshot,
): PlannedRoute {
  const index = new OrgIndex(org);
  const notes: RoutingNote[] = [];
  const steps: RouteStep[] = [];
  for (const step of template.steps) {
    if (step.condition && !evaluateCondition(step.condition, values)) continue;
    const resolved = resolveRule(step.approvers, requester, values, index);
    // Nobody approves their own request, nor (unless the template names them) their superior's.
    const named = step.approvers.rule === 'people' || step.approvers.rule === 'requester_chosen';
    let approvers = resolved.filter(
      (person) => person.id !== requester.personId && (named || !index.reportsTo(person, requester)),
    );
    let mode = step.mode;
    let fallback: RouteFallback | null = null;
    if (approvers.length === 0 && resolved.length > 0) {
      const up = oneLevelUp(requester, index);
      if (up.length > 0) {
        approvers = up;
        fallback = 'self_escalated';
        // Any one of several leaders can take it.
        if (up.length > 1) mode = 'any';
      }
    }
    if (approvers.length === 0) {
      approvers = fallbackApprovers(requester, index);
      fallback = 'admins';
      // Any one admin can take it: asking every admin to countersign would stall the request.
      mode = 'any';
      if (approvers.length === 0) throw new WorkflowError('no_approver', { step: step.key });
    }
    if (mode === 'one') approvers = approvers.slice(0, 1);
    const approverPersonIds = approvers.map((person) => person.id);
    steps.push({ key: step.key, name: step.name, mode, approverPersonIds, fallback });
    if (fallback)
      notes.push({
        stepKey: step.key,
        fallback,
        resolved: resolved.map((person) => person.id),
        approverPersonIds,
      });
  }

  const cc = new Map<number, RouteCc>();
  for (const rule of template.cc) {
    for (const person of resolveCc(rule.who, requester, values, index)) {
      const known = cc.get(person.id);
      // 'decided' covers 'approved': keep the wider of two rules naming the same person.
      if (!known || rule.when === 'decided') cc.set(person.id, { personId: person.id, when: rule.when });
    }
  }
  return { route: { steps, cc: [...cc.values()] }, notes };
}

/** CC may include guests (they only read); never the requester, never anyone suspended. */
function resolveCc(
  rule: ApproverRule,
  requester: RouteRequester,
  values: FormValues,
  index: OrgIndex,
): OrgPerson[] {
  return resolveRule(rule, requester, values, index, (person) => person.status === 'active').filter(
    (person) => person.id !== requester.personId,
  );
}

/** Everyone a route names (for visibility). */
export function routePersonIds(route: StoredRoute): number[] {
  return [
    ...new Set([
      ...route.steps.flatMap((step) => step.approverPersonIds),
      ...route.cc.map((c) => c.personId),
    ]),
  ];
}
