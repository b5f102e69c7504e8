import { stepOutcome } from '../../../../src/domain/workflows/step-outcome';

describe('what one decision does to its step', () => {
  it.each([
    // mode, decision, other pending tasks, result, supersede the others
    ['one', 'approve', 0, 'step_approved', true],
    ['any', 'approve', 2, 'step_approved', true],
    ['all', 'approve', 2, 'continue', false],
    ['all', 'approve', 0, 'step_approved', true],
    ['one', 'reject', 0, 'rejected', true],
    ['any', 'reject', 2, 'rejected', true],
    ['all', 'reject', 2, 'rejected', true],
    ['all', 'return', 1, 'returned', true],
    ['any', 'return', 1, 'returned', true],
  ] as const)('%s step, %s with %i others pending → %s', (mode, decision, others, result, supersede) => {
    expect(stepOutcome(mode, decision, others)).toEqual({ result, supersedeOthers: supersede });
  });
});
