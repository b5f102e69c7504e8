import { stepStatus } from '../../../../src/domain/workflows/instance-view';
import type { TaskStatus } from '../../../../src/domain/workflows/model';
import type { StepMode } from '../../../../src/domain/workflows/template-schema';

const tasks = (...statuses: TaskStatus[]) => statuses.map((status) => ({ status }));

describe('the status of a step on the timeline', () => {
  it.each<[StepMode, TaskStatus[], string]>([
    ['one', [], 'waiting'],
    ['one', ['pending'], 'in_progress'],
    ['one', ['approved'], 'approved'],
    ['one', ['rejected'], 'rejected'],
    ['one', ['returned'], 'returned'],
    ['one', ['transferred', 'pending'], 'in_progress'],
    ['one', ['transferred', 'approved'], 'approved'],
    ['any', ['approved', 'superseded'], 'approved'],
    ['any', ['superseded', 'rejected'], 'rejected'],
    ['all', ['approved', 'pending'], 'in_progress'],
    ['all', ['approved', 'approved'], 'approved'],
    ['all', ['approved', 'rejected'], 'rejected'],
    ['all', ['approved', 'withdrawn'], 'closed'],
    ['one', ['cancelled'], 'closed'],
  ])('%s step with tasks %j is %s', (mode, statuses, expected) => {
    expect(stepStatus({ mode }, tasks(...statuses))).toBe(expected);
  });
});
