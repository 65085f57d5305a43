import { describe, expect, it } from 'vitest';
import { monthsAfter } from '../../src/domain/period.js';
import { overdueRelease, releaseDueOn, secondThursdayOf } from '../../src/domain/release.js';

describe('release cadence', () => {
  it('finds the second Thursday of a month, whatever day the month starts on', () => {
    // NHS England published June 2024's A&E figures on Thursday 11 July 2024, and November 2024's on 12 December 2024.
    expect(secondThursdayOf('2024-07')).toBe('2024-07-11');
    expect(secondThursdayOf('2024-12')).toBe('2024-12-12');
    // A month starting on a Thursday (August 2024) and on a Friday (November 2024).
    expect(secondThursdayOf('2024-08')).toBe('2024-08-08');
    expect(secondThursdayOf('2024-11')).toBe('2024-11-14');
  });

  it('counts months across a year end', () => {
    expect(monthsAfter('2024-12')).toBe('2025-01');
    expect(monthsAfter('2024-11', 2)).toBe('2025-01');
    expect(monthsAfter('2025-01', 14)).toBe('2026-03');
  });

  it("dates a month's release by the publication's lag", () => {
    expect(releaseDueOn('2024-06', { lagMonths: 1 })).toBe('2024-07-11');
    expect(releaseDueOn('2024-11', { lagMonths: 2 })).toBe('2025-01-09');
  });

  it('calls the next release overdue only once a day has passed since it was due', () => {
    const cadence = { lagMonths: 1 };
    // After June 2024, July's figures are due on 8 August 2024.
    expect(overdueRelease('2024-06', cadence, new Date('2024-08-08T16:00:00Z'))).toBeNull();
    expect(overdueRelease('2024-06', cadence, new Date('2024-08-09T11:59:59Z'))).toBeNull();
    expect(overdueRelease('2024-06', cadence, new Date('2024-08-09T12:00:00Z'))).toEqual({
      period: '2024-07',
      dueOn: '2024-08-08',
    });
  });
});
