import type { Role } from '../../../../src/domain/org/model';
import type { OrgPerson } from '../../../../src/domain/workflows/model';
import {
  type OrgSnapshot,
  planRoute,
  resolveRule,
  routePersonIds,
} from '../../../../src/domain/workflows/route';
import { parseTemplate } from '../../../../src/domain/workflows/template.service';
import type { ApproverRule, StepMode, TemplateInput } from '../../../../src/domain/workflows/template-schema';
import { WorkflowError } from '../../../../src/domain/workflows/workflow-errors';

/*
 *   root (1, head 10)
 *   └── a (2, head 20)
 *       └── a1 (3, head 30)      members: 31, guest 80, suspended 81
 *   b (4, no head)               member 40
 *   finance (5, head 50)
 *   c (6, head 82 who is suspended)  member 41
 * Leaders 60, 61 (in root); admins 70, 71 (in root).
 */
const person = (
  id: number,
  departmentId: number | null,
  roles: Role[] = ['user'],
  status: OrgPerson['status'] = 'active',
): OrgPerson => ({
  id,
  slackUserId: `U0P${id}`,
  name: `Person ${id}`,
  departmentId,
  roles,
  status,
});

const ORG: OrgSnapshot = {
  departments: [
    { id: 1, key: 'root', parentId: null, headPersonId: 10 },
    { id: 2, key: 'a', parentId: 1, headPersonId: 20 },
    { id: 3, key: 'a1', parentId: 2, headPersonId: 30 },
    { id: 4, key: 'b', parentId: null, headPersonId: null },
    { id: 5, key: 'finance', parentId: null, headPersonId: 50 },
    { id: 6, key: 'c', parentId: null, headPersonId: 82 },
  ],
  people: [
    person(10, 1),
    person(20, 2),
    person(30, 3),
    person(31, 3),
    person(40, 4),
    person(41, 6),
    person(50, 5),
    person(60, 1, ['leader']),
    person(61, 1, ['leader', 'user']),
    person(70, 1, ['admin']),
    person(71, 1, ['admin']),
    person(80, 3, ['guest']),
    person(81, 3, ['user'], 'suspended'),
    person(82, 6, ['user'], 'suspended'),
  ],
};

const requester = (id: number | null, departmentId: number | null) => ({ personId: id, departmentId });

function template(
  steps: { approvers: ApproverRule; mode?: StepMode; condition?: unknown }[],
  extra: Partial<TemplateInput> = {},
) {
  return parseTemplate({
    key: 'test',
    prefix: 'TST',
    title: { en: 'Test', zh: '測試' },
    fields: [
      { id: 'amount', type: 'number', label: { en: 'Amount', zh: '金額' } },
      { id: 'approver', type: 'user', label: { en: 'Approver', zh: '核准人' } },
      { id: 'department', type: 'department', label: { en: 'Department', zh: '部門' } },
    ],
    subjectFields: ['amount'],
    steps: steps.map((step, index) => ({
      key: `s${index}`,
      name: { en: `Step ${index}`, zh: `步驟${index}` },
      ...step,
    })),
    ...extra,
  });
}

const approversOf = (rule: ApproverRule, who = requester(31, 3), values = {}) =>
  resolveRule(rule, who, values, ORG).map((p) => p.id);

describe('approver rules', () => {
  it('department_head: the head of the requester department', () => {
    expect(approversOf({ rule: 'department_head' })).toEqual([30]);
  });

  it('head_levels_up: 1 is the own head, 2 the parent department head, and so on', () => {
    expect(approversOf({ rule: 'head_levels_up', levels: 1 })).toEqual([30]);
    expect(approversOf({ rule: 'head_levels_up', levels: 2 })).toEqual([20]);
    expect(approversOf({ rule: 'head_levels_up', levels: 3 })).toEqual([10]);
    expect(approversOf({ rule: 'head_levels_up', levels: 4 })).toEqual([]);
  });

  it('role: every active holder, in a stable order', () => {
    expect(approversOf({ rule: 'role', role: 'leader' })).toEqual([60, 61]);
    expect(approversOf({ rule: 'role', role: 'admin' })).toEqual([70, 71]);
  });

  it('department_head_of a named department, or of the one chosen in a field', () => {
    expect(approversOf({ rule: 'department_head_of', departmentKey: 'finance' })).toEqual([50]);
    expect(approversOf({ rule: 'department_head_of', departmentKey: 'nowhere' })).toEqual([]);
    expect(
      approversOf({ rule: 'department_head_of_field', fieldId: 'department' }, requester(null, null), {
        department: 'a',
      }),
    ).toEqual([20]);
  });

  it('people and requester_chosen: only active non-guests', () => {
    expect(
      approversOf({ rule: 'people', slackIds: ['U0P50', 'U0P80', 'U0P81', 'U0NOBODY', 'U0P20'] }),
    ).toEqual([50, 20]);
    expect(
      approversOf({ rule: 'requester_chosen', fieldId: 'approver' }, requester(31, 3), { approver: 'U0P61' }),
    ).toEqual([61]);
    expect(
      approversOf({ rule: 'requester_chosen', fieldId: 'approver' }, requester(31, 3), { approver: 'U0P80' }),
    ).toEqual([]);
    expect(approversOf({ rule: 'requester_chosen', fieldId: 'approver' }, requester(31, 3), {})).toEqual([]);
  });

  it('a suspended head names nobody', () => {
    expect(approversOf({ rule: 'department_head' }, requester(41, 6))).toEqual([]);
  });
});

describe('planning a route', () => {
  it('keeps the steps whose condition holds, with the mode of each', () => {
    const t = template([
      { approvers: { rule: 'department_head' } },
      {
        approvers: { rule: 'role', role: 'leader' },
        mode: 'all',
        condition: { field: 'amount', op: 'gt', value: 100 },
      },
      {
        approvers: { rule: 'department_head_of', departmentKey: 'finance' },
        condition: { field: 'amount', op: 'gt', value: 1000 },
      },
    ]);
    const small = planRoute(t, requester(31, 3), { amount: 50 }, ORG);
    expect(small.route.steps.map((s) => [s.key, s.approverPersonIds])).toEqual([['s0', [30]]]);
    const large = planRoute(t, requester(31, 3), { amount: 500 }, ORG);
    expect(large.route.steps.map((s) => [s.key, s.mode, s.approverPersonIds])).toEqual([
      ['s0', 'one', [30]],
      ['s1', 'all', [60, 61]],
    ]);
    expect(planRoute(t, requester(31, 3), { amount: 5000 }, ORG).route.steps).toHaveLength(3);
    expect(large.notes).toEqual([]);
  });

  it('one: the first approver only; any and all: every approver', () => {
    const modes = (mode: StepMode) =>
      planRoute(template([{ approvers: { rule: 'role', role: 'leader' }, mode }]), requester(31, 3), {}, ORG)
        .route.steps[0]!.approverPersonIds;
    expect(modes('one')).toEqual([60]);
    expect(modes('any')).toEqual([60, 61]);
    expect(modes('all')).toEqual([60, 61]);
  });

  it('sends a step that names only the requester one level up, and notes it', () => {
    // The head of a1 asks: their own head is themselves, so the head of a decides.
    const planned = planRoute(
      template([{ approvers: { rule: 'department_head' } }]),
      requester(30, 3),
      {},
      ORG,
    );
    expect(planned.route.steps[0]).toMatchObject({ approverPersonIds: [20], fallback: 'self_escalated' });
    expect(planned.notes).toEqual([
      { stepKey: 's0', fallback: 'self_escalated', resolved: [30], approverPersonIds: [20] },
    ]);
  });

  it('one level up from an employee named by a role is their own department head', () => {
    const planned = planRoute(
      template([{ approvers: { rule: 'people', slackIds: ['U0P31'] } }]),
      requester(31, 3),
      {},
      ORG,
    );
    expect(planned.route.steps[0]).toMatchObject({ approverPersonIds: [30], fallback: 'self_escalated' });
  });

  it('drops the requester from a group without any fallback when others remain', () => {
    const planned = planRoute(
      template([{ approvers: { rule: 'role', role: 'leader' }, mode: 'all' }]),
      requester(60, 1),
      {},
      ORG,
    );
    expect(planned.route.steps[0]).toMatchObject({ approverPersonIds: [61], fallback: null });
    expect(planned.notes).toEqual([]);
  });

  it('goes to the admins (any one of them) when nobody can be resolved', () => {
    const planned = planRoute(
      template([{ approvers: { rule: 'department_head' }, mode: 'one' }]),
      requester(40, 4),
      {},
      ORG,
    );
    expect(planned.route.steps[0]).toMatchObject({
      approverPersonIds: [70, 71],
      mode: 'any',
      fallback: 'admins',
    });
    expect(planned.notes[0]).toMatchObject({ fallback: 'admins', resolved: [] });
    // A suspended head is nobody too.
    expect(
      planRoute(template([{ approvers: { rule: 'department_head' } }]), requester(41, 6), {}, ORG).route
        .steps[0],
    ).toMatchObject({ approverPersonIds: [70, 71], fallback: 'admins' });
  });

  it('at the top of the tree, a head’s request goes up to the leaders (issue 13 item 12)', () => {
    // Was: to the admins. A head's request goes up; above the top department, the leaders decide.
    const planned = planRoute(
      template([{ approvers: { rule: 'department_head' } }]),
      requester(10, 1),
      {},
      ORG,
    );
    expect(planned.route.steps[0]).toMatchObject({
      approverPersonIds: [60, 61],
      mode: 'any',
      fallback: 'self_escalated',
    });
  });

  it('never routes a leader’s request to someone who reports to them (issue 13 item 12)', () => {
    // Leader 60 is in the root department, whose head (10) is not a leader: 10 reports to 60.
    const planned = planRoute(
      template([{ approvers: { rule: 'department_head' } }]),
      { personId: 60, departmentId: 1 },
      {},
      ORG,
    );
    expect(planned.route.steps[0]).toMatchObject({ approverPersonIds: [61], fallback: 'self_escalated' });
    // With no other leader, neither the head nor an admin (both report to the leader) may decide.
    const alone: OrgSnapshot = { ...ORG, people: ORG.people.filter((p) => p.id !== 61) };
    expect(() =>
      planRoute(
        template([{ approvers: { rule: 'department_head' } }]),
        { personId: 60, departmentId: 1 },
        {},
        alone,
      ),
    ).toThrow(WorkflowError);
  });

  it('a head’s request never goes to the people of their own department, unless the template names them', () => {
    // Head 20 of department a; 30 heads a1 under it: the admins' role rule names nobody above.
    const byRole = planRoute(
      template([{ approvers: { rule: 'department_head_of', departmentKey: 'a1' } }]),
      { personId: 20, departmentId: 2 },
      {},
      ORG,
    );
    expect(byRole.route.steps[0]!.approverPersonIds).not.toContain(30);
    const named = planRoute(
      template([{ approvers: { rule: 'people', slackIds: ['U0P30'] } }]),
      { personId: 20, departmentId: 2 },
      {},
      ORG,
    );
    expect(named.route.steps[0]!.approverPersonIds).toEqual([30]);
  });

  it('never lets an admin approve their own request: the other admins, or the leaders', () => {
    const withOneAdmin: OrgSnapshot = { ...ORG, people: ORG.people.filter((p) => p.id !== 71) };
    const planned = planRoute(
      template([{ approvers: { rule: 'department_head' } }]),
      requester(70, 4),
      {},
      withOneAdmin,
    );
    expect(planned.route.steps[0]).toMatchObject({ approverPersonIds: [60, 61], fallback: 'admins' });
    const other = planRoute(
      template([{ approvers: { rule: 'department_head' } }]),
      requester(70, 4),
      {},
      ORG,
    );
    expect(other.route.steps[0]!.approverPersonIds).toEqual([71]);
  });

  it('refuses to plan a route nobody can approve', () => {
    const empty: OrgSnapshot = {
      departments: ORG.departments,
      people: ORG.people.filter((p) => p.id === 40),
    };
    const plan = () =>
      planRoute(template([{ approvers: { rule: 'department_head' } }]), requester(40, 4), {}, empty);
    expect(plan).toThrow(WorkflowError);
    expect(plan).toThrow(/^no_approver/);
  });

  it('copies people on request: guests may be copied, the requester and the suspended never', () => {
    const t = template([{ approvers: { rule: 'department_head' } }], {
      cc: [
        { who: { rule: 'people', slackIds: ['U0P80', 'U0P81', 'U0P31', 'U0P50'] }, when: 'approved' },
        { who: { rule: 'department_head_of', departmentKey: 'finance' }, when: 'decided' },
      ],
    });
    const { route } = planRoute(t, requester(31, 3), {}, ORG);
    expect(route.cc).toEqual([
      { personId: 80, when: 'approved' },
      { personId: 50, when: 'decided' },
    ]);
    expect(routePersonIds(route).sort()).toEqual([30, 50, 80]);
  });

  it('routes a registrant (not in the directory) to the head of the department they chose', () => {
    const t = template([{ approvers: { rule: 'department_head_of_field', fieldId: 'department' } }]);
    expect(
      planRoute(t, requester(null, 5), { department: 'finance' }, ORG).route.steps[0]!.approverPersonIds,
    ).toEqual([50]);
    expect(planRoute(t, requester(null, 4), { department: 'b' }, ORG).route.steps[0]).toMatchObject({
      fallback: 'admins',
    });
  });
});
