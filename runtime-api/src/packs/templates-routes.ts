import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { principalOf } from '../auth/auth-plugin.js';
import { ROLES } from '../auth/principal.js';
import { runCommand } from '../commands/run-command.js';
import { DEFAULT_TEMPLATES_DIR } from '../config/runtime-config.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors/api-error.js';
import { Closed, KeySchema, withErrors } from '../app/schema-helpers.js';
import { installTemplate, latestInstalled, toTemplateView } from './install-template.js';
import { PackFolderReadError, readPackFolder } from './read-pack-folder.js';
import { readTemplateCatalogue, type ShippedTemplate } from './template-catalogue.js';
import { TemplateInstallBody, TemplateInstallResult, TemplateList } from './template-schemas.js';
import './template-errors.js';

// HR installs the offboarding template and runs offboardings: the gallery is theirs as much as the builders'.
// Uploading an arbitrary bundle (POST /packs/import) stays with designers and admins.
const GALLERY_ROLES = [ROLES.hr, ROLES.designer];

/** Directory names of the people who installed templates: one query for every card, not one per card. */
async function installerNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('directory_users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The template gallery: the template packs that ship with Baton (BATON_TEMPLATES_DIR, the repository's
 * templates/ by default), listed with what is installed, and installed or upgraded by key. The server reads
 * the bundle from its own folder; a request names only a key.
 */
export const templatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const root = app.baton.config.templatesDir === undefined ? DEFAULT_TEMPLATES_DIR : app.baton.config.templatesDir;

  const catalogue = async (): Promise<ShippedTemplate[]> => {
    const { templates, skipped } = await readTemplateCatalogue(root);
    for (const s of skipped) app.log.warn({ folder: s.folder, reason: s.reason }, 'template folder left out of the gallery');
    return templates;
  };

  app.get(
    '/templates',
    {
      config: { roles: GALLERY_ROLES },
      schema: {
        tags: ['packs'],
        summary: 'The template packs that ship with Baton, each with the version shipped, the version installed and whether an upgrade is available',
        response: withErrors({ 200: TemplateList }),
      },
    },
    async () => {
      const db = app.baton.database.db;
      const templates = await catalogue();
      const installed = await latestInstalled(db, templates.map((t) => t.key));
      const names = await installerNames(db, [...installed.values()].map((p) => p.imported_by));
      return { items: templates.map((t) => toTemplateView(t, installed.get(t.key), names.get(installed.get(t.key)?.imported_by ?? '') ?? null)) };
    },
  );

  app.post(
    '/templates/:key/install',
    {
      config: { roles: GALLERY_ROLES },
      // A bare POST (no body) installs without demo data.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        tags: ['packs'],
        summary: 'Install or upgrade a shipped template pack: the same import as POST /packs/import, in one transaction, audited with who installed it',
        description:
          'The bundle is read from the server\'s own templates folder. The version already installed answers 200 (outcome "unchanged") and ' +
          'writes nothing; a first install or an upgrade answers 201. A later version installed than the one shipped is a 409.',
        params: Closed({ key: KeySchema }),
        body: TemplateInstallBody,
        response: withErrors({ 200: TemplateInstallResult, 201: TemplateInstallResult }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { key } = request.params;
      const found = (await catalogue()).find((t) => t.key === key);
      if (!found) throw new ApiError('BATON_E_TEMPLATE_NOT_FOUND', { key }, [], '/params/key');
      const withDemoData = request.body?.withDemoData === true;
      let bundle;
      try {
        bundle = await readPackFolder(found.dir, { demo: withDemoData });
      } catch (err) {
        if (err instanceof PackFolderReadError) throw new ApiError('BATON_E_TEMPLATE_UNREADABLE', { key, reason: err.message }, [], '/params/key');
        throw err;
      }
      // The folder is read again for the bundle: its version is what gets installed.
      const shippedVersion = (bundle.manifest as { version?: unknown }).version;
      const version = typeof shippedVersion === 'number' ? shippedVersion : found.version;
      const template = { ...found, version };
      return runCommand(request, reply, async (trx) => {
        const result = await installTemplate(trx, { template, bundle, withDemoData, actor: principal.userId, locale: request.locale, timeZone: app.baton.config.timeZone });
        const card = result.body.template;
        const name = card.installedBy === null ? null : ((await installerNames(trx, [card.installedBy])).get(card.installedBy) ?? null);
        return { ...result, body: { ...result.body, template: { ...card, installedByName: name } } };
      });
    },
  );
};
