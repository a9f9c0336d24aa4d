import { describe, expect, it } from 'vitest';
import { checkSchedule, ScheduleError } from './client.js';

describe('checkSchedule', () => {
  it('accepts 5-field cron expressions, in a time zone or not', () => {
    expect(() => checkSchedule('0 6 * * *')).not.toThrow();
    expect(() => checkSchedule('*/15 9-17 * * 1-5', 'Europe/Lisbon')).not.toThrow();
  });

  it('says what is wrong: field count, a value out of range, an impossible date, an unknown time zone', () => {
    expect(() => checkSchedule('0 6 * *')).toThrow(/not a 5-field cron expression/);
    expect(() => checkSchedule('99 * * * *')).toThrow(/not a valid cron expression: .*0-59/);
    expect(() => checkSchedule('0 6 31 2 *')).toThrow(/not a valid cron expression/);
    expect(() => checkSchedule('0 6 * * *', 'Mars/Base')).toThrow(new ScheduleError('Unknown time zone "Mars/Base": use an IANA name such as "Europe/Lisbon" or "UTC"'));
  });
});
