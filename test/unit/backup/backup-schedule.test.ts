import { type BackupSchedule, dueSlots } from '../../../src/backup/backup-schedule';

const schedule: BackupSchedule = {
  backupAt: '02:00',
  drillDay: 1,
  drillAt: '03:00',
  timeZone: 'Asia/Taipei',
};
/** An instant given as Taipei wall-clock time (UTC+8, no daylight saving). */
const taipei = (local: string) => new Date(`${local}+08:00`);

describe('scheduled backup and drill slots', () => {
  it('makes the daily backup due from 02:00 local time until the end of the day', () => {
    expect(dueSlots(taipei('2026-12-05T01:59:00'), schedule).backup).toBeNull();
    expect(dueSlots(taipei('2026-12-05T02:00:00'), schedule).backup).toBe('daily-2026-12-05');
    expect(dueSlots(taipei('2026-12-05T23:59:00'), schedule).backup).toBe('daily-2026-12-05');
    // 17:30 UTC on the 5th is already 01:30 on the 6th in Taipei: not yet due, not the 5th's.
    expect(dueSlots(new Date('2026-12-05T17:30:00Z'), schedule).backup).toBeNull();
  });

  it('makes the monthly drill due from its day and time until the month ends', () => {
    expect(dueSlots(taipei('2026-12-01T02:59:00'), schedule).drill).toBeNull();
    expect(dueSlots(taipei('2026-12-01T03:00:00'), schedule).drill).toBe('monthly-2026-12');
    expect(dueSlots(taipei('2026-12-20T10:00:00'), schedule).drill).toBe('monthly-2026-12');
    expect(dueSlots(taipei('2026-11-30T23:00:00'), { ...schedule, drillDay: 15 }).drill).toBe(
      'monthly-2026-11',
    );
    expect(dueSlots(taipei('2026-11-14T23:00:00'), { ...schedule, drillDay: 15 }).drill).toBeNull();
  });

  it('schedules nothing that is switched off', () => {
    expect(dueSlots(taipei('2026-12-05T12:00:00'), { ...schedule, backupAt: null, drillDay: null })).toEqual({
      backup: null,
      drill: null,
    });
  });
});
