import { type BackupEntry, backupsToDelete, DEFAULT_RETENTION } from '../../../src/backup/retention';

/** Daily backups at 02:00 Taipei (18:00 UTC the day before) for `days` days up to 2026-12-05. */
function dailyBackups(days: number, extraPerDay = 0): BackupEntry[] {
  const out: BackupEntry[] = [];
  for (let i = 0; i < days; i += 1) {
    const at = new Date(Date.UTC(2026, 11, 4, 18) - i * 86_400_000);
    out.push({ name: `d${i}`, createdAt: at });
    for (let extra = 1; extra <= extraPerDay; extra += 1)
      out.push({ name: `d${i}-${extra}`, createdAt: new Date(at.getTime() - extra * 3_600_000) });
  }
  return out;
}

const kept = (backups: BackupEntry[], deleted: string[]) =>
  backups.filter((backup) => !deleted.includes(backup.name)).map((backup) => backup.name);

describe('backup retention (7 daily, 4 weekly, 12 monthly)', () => {
  it('keeps everything while there are fewer backups than the rules allow', () => {
    expect(backupsToDelete(dailyBackups(5), DEFAULT_RETENTION, 'Asia/Taipei')).toEqual([]);
  });

  it('keeps the last 7 days, the newest of 4 weeks and of 12 months, out of 400 dailies', () => {
    const backups = dailyBackups(400);
    const remaining = kept(backups, backupsToDelete(backups, DEFAULT_RETENTION, 'Asia/Taipei'));
    const days = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6']; // Sat 5 Dec back to Sun 29 Nov
    // Weeks from Monday: 30 Nov (d0), 23 Nov (d6, Sun 29), 16 Nov (d13, Sun 22), 9 Nov (d20, Sun 15).
    const weeks = ['d13', 'd20'];
    // Months: December (d0), November (d5, 30 Nov), then the last day of October back to January.
    const months = ['d35', 'd66', 'd96', 'd127', 'd158', 'd188', 'd219', 'd249', 'd280', 'd308'];
    expect(remaining).toEqual([...days, ...weeks, ...months]);
  });

  it('keeps only the newest of several backups on one day', () => {
    const backups = dailyBackups(3, 2);
    expect(backupsToDelete(backups, DEFAULT_RETENTION, 'Asia/Taipei').sort()).toEqual(
      ['d0-1', 'd0-2', 'd1-1', 'd1-2', 'd2-1', 'd2-2'].sort(),
    );
  });

  it('never deletes the newest backup, even with every rule at 0', () => {
    const backups = dailyBackups(3);
    expect(backupsToDelete(backups, { daily: 0, weekly: 0, monthly: 0 }, 'Asia/Taipei')).toEqual([
      'd1',
      'd2',
    ]);
  });

  it('counts days in the organisation’s time zone', () => {
    // 17:00 and 19:00 UTC are 01:00 and 03:00 the next day in Taipei: different days there,
    // the same day in UTC.
    const backups = [
      { name: 'late', createdAt: new Date('2026-12-04T19:00:00Z') },
      { name: 'early', createdAt: new Date('2026-12-04T15:00:00Z') },
    ];
    expect(backupsToDelete(backups, { daily: 7, weekly: 0, monthly: 0 }, 'Asia/Taipei')).toEqual([]);
    expect(backupsToDelete(backups, { daily: 7, weekly: 0, monthly: 0 }, 'UTC')).toEqual(['early']);
  });
});
