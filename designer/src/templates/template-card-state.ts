import type { TemplateInstallResult, TemplateSummary } from '@baton/client';

/** Who may open the template centre: the server's roles on /api/templates (admins pass too). */
export const GALLERY_ROLES: readonly string[] = ['hr', 'designer'];

/** What a card's button does, from where the template stands on this installation. */
export type CardAction = 'install' | 'upgrade' | 'installed' | 'newer-installed';

export function cardAction(template: Pick<TemplateSummary, 'status'>): CardAction {
  switch (template.status) {
    case 'available': return 'install';
    case 'upgrade-available': return 'upgrade';
    case 'installed': return 'installed';
    case 'newer-installed': return 'newer-installed';
  }
}

/** Whether the card offers the "with demo data" choice: only when something would be imported. */
export function offersDemoData(template: Pick<TemplateSummary, 'status' | 'demoData'>): boolean {
  const action = cardAction(template);
  return template.demoData && (action === 'install' || action === 'upgrade');
}

/** The words of a finished install, as a message key of the "templates" namespace and its values. */
export function resultMessage(result: TemplateInstallResult, from: number | null): { key: string; values: Record<string, string | number> } {
  const { import: imported, template } = result;
  const values = {
    version: template.installedVersion ?? template.version,
    from: from ?? 0,
    count: imported.imported.length,
    unchanged: imported.unchanged.length,
    retired: imported.retired.length,
  };
  if (result.outcome === 'unchanged') return { key: 'resultUnchanged', values };
  if (result.outcome === 'upgraded') return { key: imported.retired.length > 0 ? 'resultUpgradedRetired' : 'resultUpgraded', values };
  return { key: 'resultInstalled', values };
}

/** The installer as people know them: their directory name, else "Baton" for the starter pack, else the id. */
export function installerLabel(template: Pick<TemplateSummary, 'installedBy' | 'installedByName'>, systemLabel: string): string | null {
  if (template.installedBy === null) return null;
  if (template.installedByName) return template.installedByName;
  return template.installedBy === 'system' ? systemLabel : template.installedBy;
}
