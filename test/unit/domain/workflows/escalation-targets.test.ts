import { escalationTargets } from '../../../../src/domain/workflows/deadline.service';
import type { OrgPerson } from '../../../../src/domain/workflows/model';
import type { OrgSnapshot } from '../../../../src/domain/workflows/route';

const person = (
  id: number,
  departmentId: number | null,
  roles: OrgPerson['roles'] = ['user'],
): OrgPerson => ({
  id,
  slackUserId: `U${id}`,
  name: `P${id}`,
  departmentId,
  roles,
  status: 'active',
});

// office (head 1, admin) ⊃ finance (head 2) and hr (head 3); 4 works in finance, 5 in hr.
const org: OrgSnapshot = {
  departments: [
    { id: 10, key: 'office', parentId: null, headPersonId: 1 },
    { id: 11, key: 'finance', parentId: 10, headPersonId: 2 },
    { id: 12, key: 'hr', parentId: 10, headPersonId: 3 },
  ],
  people: [person(1, 10, ['admin']), person(2, 11), person(3, 12), person(4, 11), person(5, 12)],
};

describe('escalation targets', () => {
  it("climb the approver's own line: their head, or the next head up when they head it", () => {
    expect(escalationTargets(4, org)).toEqual([2]);
    expect(escalationTargets(2, org)).toEqual([1]);
  });

  it("of a delegated task climb the absent approver's line and never name the delegate holding it", () => {
    // Worker 4 in finance is away; 5 (hr) holds the task: finance's head hears of it, not hr's.
    expect(escalationTargets(4, org, 5)).toEqual([2]);
    // The finance head is away and the office head holds it: nobody above; the admins other than
    // the holder — none here.
    expect(escalationTargets(2, org, 1)).toEqual([]);
  });
});
