import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Anchor } from 'lucide-react';
import { describe, expect, it } from 'vitest';
import { GENERIC_TYPE_ICON, knownIconNames, normalizeIconName, registerTypeIcon, resolveTypeIcon, unregisterTypeIcon } from './type-icons.js';

// Every icon name the engine's built-in field, node, trigger and action types declare (engine/src/**/describe()).
const BUILT_IN_NAMES = [
  'text', 'align-left', 'hash', 'banknote', 'toggle-left', 'list', 'list-checks', 'calendar', 'clock', 'user', 'building', 'link',
  'paperclip', 'signature', 'lock', 'function', 'table', 'play', 'stop', 'stamp', 'checklist', 'gateway-exclusive', 'gateway-parallel',
  'gateway-inclusive', 'subflow', 'bolt', 'bell', 'alarm-clock', 'git-branch', 'check-square', 'edit', 'plug', 'file-text', 'flag',
  'log-in', 'log-out', 'inbox', 'file-edit', 'file-plus', 'calendar-clock', 'alert-triangle',
];

const svg = (icon: ReturnType<typeof resolveTypeIcon>['icon']) => renderToStaticMarkup(createElement(icon, { size: 16 }));

describe('type icons', () => {
  it('has a real icon (an SVG, not letters) for every built-in type', () => {
    for (const name of BUILT_IN_NAMES) {
      const r = resolveTypeIcon({ icon: name });
      expect(r.generic, name).toBe(false);
      expect(svg(r.icon), name).toMatch(/^<svg[^>]*class="lucide[^"]*"/);
    }
    // The examples' plugin types name these.
    expect(resolveTypeIcon({ icon: 'id-card', type: 'resident-id' }).generic).toBe(false);
    expect(resolveTypeIcon({ icon: 'signature', type: 'e-signature' }).generic).toBe(false);
  });

  it('gives different glyphs to types people tell apart in the palette', () => {
    const pairs = [['text', 'align-left'], ['gateway-exclusive', 'gateway-parallel'], ['gateway-parallel', 'gateway-inclusive'], ['play', 'stop'], ['list', 'list-checks']];
    for (const [a, b] of pairs) expect(svg(resolveTypeIcon({ icon: a }).icon), `${a} vs ${b}`).not.toBe(svg(resolveTypeIcon({ icon: b }).icon));
  });

  it('falls back to the type name, then to a neutral generic icon, never an error', () => {
    expect(resolveTypeIcon({ type: 'user@1' }).name).toBe('user');
    const unknown = resolveTypeIcon({ icon: 'no-such-icon', type: 'my-plugin' });
    expect(unknown).toEqual({ icon: GENERIC_TYPE_ICON, name: 'generic', generic: true });
    expect(resolveTypeIcon({}).generic).toBe(true);
    expect(resolveTypeIcon({ icon: '__proto__' }).generic).toBe(true);
    expect(resolveTypeIcon({ icon: 'constructor' }).generic).toBe(true);
  });

  it('accepts the ways a developer may spell a name', () => {
    expect(normalizeIconName('IdCard')).toBe('id-card');
    expect(normalizeIconName(' lucide:ID_Card ')).toBe('id-card');
    expect(normalizeIconName('alarmClock')).toBe('alarm-clock');
    expect(resolveTypeIcon({ icon: 'AlarmClock' }).name).toBe('alarm-clock');
  });

  it('lets an extension register another Lucide icon (or override one) by name', () => {
    expect(resolveTypeIcon({ icon: 'anchor' }).generic).toBe(true);
    registerTypeIcon('Anchor', Anchor);
    try {
      const r = resolveTypeIcon({ icon: 'anchor' });
      expect(r).toEqual({ icon: Anchor, name: 'anchor', generic: false });
      expect(knownIconNames()).toContain('anchor');
    } finally {
      unregisterTypeIcon('anchor');
    }
    expect(resolveTypeIcon({ icon: 'anchor' }).generic).toBe(true);
    expect(() => registerTypeIcon('  ', Anchor)).toThrow(/empty/);
  });
});
