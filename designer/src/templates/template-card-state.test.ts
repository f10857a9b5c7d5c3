import type { TemplateInstallResult } from '@baton/client';
import { describe, expect, it } from 'vitest';
import { cardAction, installerLabel, offersDemoData, resultMessage } from './template-card-state.js';

const result = (outcome: TemplateInstallResult['outcome'], retired = 0) =>
  ({
    outcome,
    template: { installedVersion: 6, version: 6 },
    import: { imported: [{ kind: 'form', key: 'a', version: 2 }], unchanged: [], retired: Array.from({ length: retired }, () => ({ kind: 'rule', key: 'r', version: 1 })) },
  }) as unknown as TemplateInstallResult;

describe('template card state', () => {
  it('maps each status to its button and offers demo data only when something would be imported', () => {
    expect(['available', 'upgrade-available', 'installed', 'newer-installed'].map((status) => cardAction({ status: status as never }))).toEqual([
      'install', 'upgrade', 'installed', 'newer-installed',
    ]);
    expect(offersDemoData({ status: 'available', demoData: true })).toBe(true);
    expect(offersDemoData({ status: 'installed', demoData: true })).toBe(false);
    expect(offersDemoData({ status: 'upgrade-available', demoData: false })).toBe(false);
  });

  it('words the outcome: installed, upgraded (with retirements), unchanged', () => {
    expect(resultMessage(result('installed'), null)).toEqual({ key: 'resultInstalled', values: { version: 6, from: 0, count: 1, unchanged: 0, retired: 0 } });
    expect(resultMessage(result('upgraded'), 5).key).toBe('resultUpgraded');
    expect(resultMessage(result('upgraded', 2), 5)).toMatchObject({ key: 'resultUpgradedRetired', values: { from: 5, retired: 2 } });
    expect(resultMessage(result('unchanged'), 6).key).toBe('resultUnchanged');
  });

  it('names the installer by their directory name, "Baton" for the starter pack, else by id', () => {
    expect(installerLabel({ installedBy: 'hr-wang', installedByName: '王芳' }, 'Baton')).toBe('王芳');
    expect(installerLabel({ installedBy: 'system', installedByName: null }, 'Baton')).toBe('Baton');
    expect(installerLabel({ installedBy: 'svc-1', installedByName: null }, 'Baton')).toBe('svc-1');
    expect(installerLabel({ installedBy: null, installedByName: null }, 'Baton')).toBeNull();
  });
});
