import { describe, expect, it } from 'vitest';
import type { Schedule } from '$lib/graphql/types.js';
import { cronProblem, describeSchedule, formatRunTime, isFeedbackFor, normalizeCron } from './schedule.js';

const daily: Schedule = { kind: 'RISK', targetId: 'j1', cron: '0 6 * * *', timeZone: 'Europe/Lisbon', nextRuns: ['2026-12-03T06:00:00.000Z', '2026-12-04T06:00:00.000Z'] };

describe('schedules', () => {
  it('describes a schedule by its cron, zone and next run read in that zone', () => {
    expect(describeSchedule(daily)).toBe('Runs 0 6 * * * (Europe/Lisbon), next 3 Dec 2026, 06:00');
    expect(describeSchedule({ ...daily, timeZone: 'Asia/Tokyo' })).toBe('Runs 0 6 * * * (Asia/Tokyo), next 3 Dec 2026, 15:00');
    expect(describeSchedule({ ...daily, nextRuns: [] })).toBe('Runs 0 6 * * * (Europe/Lisbon), no upcoming run');
    expect(describeSchedule(null)).toBe('Not scheduled');
  });

  it('falls back to UTC, and says so, for a zone this browser does not know', () => {
    expect(formatRunTime('2026-12-03T06:00:00.000Z', 'Mars/Olympus_Mons')).toBe('3 Dec 2026, 06:00 UTC');
  });

  it('accepts five fields and explains anything else', () => {
    expect(cronProblem('0 6 * * *')).toBeNull();
    expect(cronProblem('*/15 8-18 * * 1-5')).toBeNull();
    expect(cronProblem('')).toContain('Enter a cron');
    expect(cronProblem('0 6 * *')).toBe('A cron has five fields (minute, hour, day of month, month, day of week), e.g. “0 6 * * *”; “0 6 * *” has 4.');
    expect(cronProblem('0 0 6 * * *')).toContain('has 6');
  });

  it('collapses the spaces of a typed cron', () => {
    expect(normalizeCron('  0  6 *\t* *  ')).toBe('0 6 * * *');
  });

  it('matches feedback to the control of the same kind and target only', () => {
    const feedback = { kind: 'RISK' as const, targetId: 'j1', cron: '0 6 * * *', message: 'Schedule saved.' };
    expect(isFeedbackFor(feedback, 'RISK', 'j1')).toBe(true);
    expect(isFeedbackFor(feedback, 'RISK', 'j2')).toBe(false);
    expect(isFeedbackFor(feedback, 'AUDIT', 'j1')).toBe(false);
    expect(isFeedbackFor({ ...feedback, kind: 'KPI_WATCH', targetId: null }, 'KPI_WATCH', null)).toBe(true);
    expect(isFeedbackFor(null, 'KPI_WATCH', null)).toBe(false);
  });
});
