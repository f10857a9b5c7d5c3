import type { BatonClient, DirectoryPerson, DirectorySearchQuery } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { distinctIds, personText, presenceOf } from './person-display.js';
import { lookupPerson } from './person-lookup.js';

const person = (id: string, name: string, more: Partial<DirectoryPerson> = {}): DirectoryPerson => ({
  id, name, departmentId: null, department: null, position: null, active: true, status: 'active', leaveDate: null, ...more,
});

const directory = [person('demo-sales-1', '李娜'), person('demo-eng-2', '黄敏', { status: 'left', active: false, leaveDate: '2030-06-28' })];

/** A client whose directory answers from a list and records each request's ids: what the page would send. */
function recordingClient(): { api: BatonClient; requests: string[][] } {
  const requests: string[][] = [];
  const searchUsers = async (query: DirectorySearchQuery) => {
    const ids = ([] as string[]).concat(query.id ?? []);
    requests.push(ids);
    return { items: directory.filter((p) => ids.includes(p.id)), nextCursor: null };
  };
  return { api: { directory: { searchUsers } } as unknown as BatonClient, requests };
}

describe('showing a person', () => {
  it('shows the name once known, the id while loading or when nobody has it; tags people who left', () => {
    expect(personText('demo-sales-1', directory[0])).toBe('李娜');
    expect(personText('demo-sales-1', undefined)).toBe('demo-sales-1');
    expect(personText('ghost', null)).toBe('ghost');
    expect(presenceOf(directory[0])).toBeNull();
    expect(presenceOf(directory[1])).toBe('left');
    expect(presenceOf(person('x', 'X', { status: 'inactive', active: false }))).toBe('inactive');
    expect(presenceOf(undefined)).toBeNull();
    expect(distinctIds(['a', null, 'b', 'a', undefined, ''])).toEqual(['a', 'b']);
  });

  it('asks for every name a page needs in one request, answers repeats from memory, and knows who is unknown', async () => {
    const { api, requests } = recordingClient();
    // An inbox, a header and a timeline asking in the same tick, some for the same people.
    const asked = ['demo-sales-1', 'demo-eng-2', 'ghost', 'demo-sales-1'];
    const found = await Promise.all(asked.map((id) => lookupPerson(api, id)));
    expect(found.map((p) => p?.name ?? null)).toEqual(['李娜', '黄敏', null, '李娜']);
    expect(requests).toEqual([['demo-sales-1', 'demo-eng-2', 'ghost']]);
    // Another part of the page later: no new request for people already known (or known to be unknown).
    expect((await lookupPerson(api, 'demo-eng-2'))?.leaveDate).toBe('2030-06-28');
    expect(await lookupPerson(api, 'ghost')).toBeNull();
    expect(requests).toHaveLength(1);
  });
});
