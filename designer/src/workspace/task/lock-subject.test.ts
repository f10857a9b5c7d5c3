import { describe, expect, it } from 'vitest';
import { lockSubject } from './use-task-form.js';

describe('the subject field on a task', () => {
  it('is read-only where it would be editable (a resubmission), left as it is elsewhere', () => {
    expect(lockSubject({ employeeId: 'editable', lastWorkingDay: 'editable' }, 'employeeId')).toEqual({ employeeId: 'readonly', lastWorkingDay: 'editable' });
    expect(lockSubject({ employeeId: 'hidden' }, 'employeeId')).toEqual({ employeeId: 'hidden' });
    const access = { employeeId: 'editable' as const };
    // A flow that names no subject locks nothing.
    expect(lockSubject(access, null)).toBe(access);
  });
});
