import { clinicTimeZoneSchema, isTimeZone } from './time-zone';

describe('what a location time zone is', () => {
  it('takes IANA names, with their daylight-saving rules', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'])
      expect(isTimeZone(zone)).toBe(true);
  });

  it('refuses names that are no zone, and fixed offsets (they know no daylight saving)', () => {
    for (const zone of ['New York', 'Mars/Olympus', '', 'UTC+2', '+02:00', 'GMT-5'])
      expect(isTimeZone(zone)).toBe(false);
  });

  it('reads CLINIC_TIME_ZONE as UTC when unset and refuses a wrong one with an example', () => {
    expect(clinicTimeZoneSchema().parse(undefined)).toBe('UTC');
    const wrong = clinicTimeZoneSchema().safeParse('Berlin');
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0].message).toMatch(/IANA time zone name such as Europe\/Berlin/);
  });
});
