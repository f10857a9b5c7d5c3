import { describe, expect, it } from 'vitest';
import { exportFileName, exportQuery } from './people-export-button.js';

describe('people CSV export', () => {
  it('asks for what the list shows: words, department, status or presence, and no page', () => {
    expect(exportQuery({ q: '  zhang san ', department: 'd-sales', show: 'leaving' })).toEqual({ q: 'zhang san', department: 'd-sales', status: 'leaving' });
    expect(exportQuery({ q: '', department: '', show: 'present' })).toEqual({ include: 'present' });
    expect(exportQuery({ q: ' ', department: '', show: 'all' })).toEqual({ include: 'all' });
    expect(exportQuery({ q: '', department: '', show: 'inactive' })).toEqual({ status: 'inactive' });
  });

  it('names the file after the day', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('people-2026-01-05.csv');
  });
});
