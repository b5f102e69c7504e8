import {
  DEFAULT_WORKFLOW_SETTINGS,
  timeZoneOf,
  workflowSettingsWith,
} from '../../../../src/domain/workflows/settings';

/** The engine's settings are a value built once (main.ts), not a module the start-up order configures. */
it('applies changes to a copy, deadlines and digests field by field', () => {
  const before = structuredClone(DEFAULT_WORKFLOW_SETTINGS);
  const settings = workflowSettingsWith({
    defaultSlaHours: 8,
    deadlines: { maxReminders: 5 },
    digests: { dailyAt: null },
  });
  expect(settings).toEqual({
    ...DEFAULT_WORKFLOW_SETTINGS,
    defaultSlaHours: 8,
    deadlines: { ...DEFAULT_WORKFLOW_SETTINGS.deadlines, maxReminders: 5 },
    digests: { ...DEFAULT_WORKFLOW_SETTINGS.digests, dailyAt: null },
  });
  expect(DEFAULT_WORKFLOW_SETTINGS).toEqual(before);
  // Changes on top of other settings keep what those set.
  expect(workflowSettingsWith({ deadlines: { escalateAfterHours: 4 } }, settings).deadlines).toMatchObject({
    maxReminders: 5,
    escalateAfterHours: 4,
  });
});

it("takes a person's own time zone, else the organisation's", () => {
  const settings = workflowSettingsWith({ defaultTimeZone: 'Europe/London' });
  expect(timeZoneOf(settings, { timezone: 'Asia/Tokyo' })).toBe('Asia/Tokyo');
  expect(timeZoneOf(settings, { timezone: null })).toBe('Europe/London');
  expect(timeZoneOf(settings, null)).toBe('Europe/London');
});
