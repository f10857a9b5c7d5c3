import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../auth/auth-plugin.js';
import { ROLES } from '../auth/principal.js';
import { runCommand } from '../commands/run-command.js';
import { DEFAULT_TEMPLATES_DIR } from '../config/runtime-config.js';
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
      const templates = await catalogue();
      const installed = await latestInstalled(app.baton.database.db, templates.map((t) => t.key));
      return { items: templates.map((t) => toTemplateView(t, installed.get(t.key))) };
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
      return runCommand(request, reply, (trx) =>
        installTemplate(trx, { template, bundle, withDemoData, actor: principal.userId, locale: request.locale, timeZone: app.baton.config.timeZone }),
      );
    },
  );
};
