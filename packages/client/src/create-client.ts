import { createTransport, type CallOptions, type TransportOptions } from './http-transport.js';
import type { AuditVerification, InstanceEvidence } from './types/audit.js';
import type { Definition, DefinitionInput, DefinitionKind, DefinitionList, DefinitionListQuery } from './types/definitions.js';
import type { ConnectorDeliveryList, ConnectorDeliveryQuery, ConnectorInput, ConnectorList, ConnectorTestResult, ConnectorTypeList, ConnectorView } from './types/connectors.js';
import type { OutboxEntry, OutboxList, OutboxListQuery } from './types/outbox.js';
import type { DirectoryDepartment, DirectoryImport, DirectoryImportPreview, DirectoryPeopleExportQuery, DirectoryPeopleQuery, DirectoryPeopleResult, DirectoryRole, DirectoryImportResult, DirectorySearchQuery, DirectorySearchResult, DirectoryUser } from './types/directory.js';
import type { DocumentFile, DocumentOptions } from './types/documents.js';
import type { DownloadedFile, FileRef, FileUpload, RevealedSecret } from './types/files.js';
import type { Health } from './types/health.js';
import type { AppNotification, NotificationList, NotificationListQuery } from './types/notifications.js';
import type { CancelInstanceInput, Instance, SignalInstanceInput, SignalResult, InstanceCounts, InstanceList, InstanceListQuery, StartInstanceInput } from './types/instances.js';
import type { PackBundle, PackImportOptions, PackImportResult, PackList, PackListQuery, PackParameters, PackParameterValues } from './types/packs.js';
import type { TemplateInstallOptions, TemplateInstallResult, TemplateList } from './types/templates.js';
import type { RecordInput, RecordItem, RecordList, RecordListQuery, RecordPatch, RelationOptions, RelationOptionsQuery } from './types/records.js';
import type { ReportDrillInput, ReportDrillResult, ReportPreviewInput, ReportResult, ReportRunInput } from './types/reports.js';
import type { TaskAction, TaskActionResult, TaskDetail, TaskList, TaskListQuery } from './types/tasks.js';
import type { IssuedToken, TokenInput } from './types/tokens.js';

export type ClientOptions = TransportOptions;

const seg = (value: string) => encodeURIComponent(value);

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/**
 * A typed client for Baton's runtime API: one method per route, grouped by area. Errors are thrown as
 * BatonApiError. State-changing POSTs carry a fresh Idempotency-Key per call (reused by the call's own
 * retries), unless `idempotency: "off"` or `{ idempotencyKey: false }`.
 */
export function createClient(options: ClientOptions) {
  const transport = createTransport(options);
  const json = async <T>(spec: Parameters<typeof transport.send>[0], call?: CallOptions): Promise<T> =>
    (await transport.send<T>(spec, call)).body;

  const fetchDocument = async (id: string, documentKey: string, options: DocumentOptions, call?: CallOptions): Promise<DocumentFile> => {
    const { body, response } = await transport.send<Uint8Array>(
      { method: 'GET', path: `/instances/${seg(id)}/documents/${seg(documentKey)}`, query: { locale: options.locale, disposition: options.disposition }, expect: 'bytes' },
      call,
    );
    const version = Number(response.headers.get('x-baton-document-version'));
    return {
      bytes: body,
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      fileName: fileNameOf(response.headers.get('content-disposition')),
      sha256: response.headers.get('x-baton-document-sha256'),
      version: Number.isInteger(version) && version > 0 ? version : null,
    };
  };

  return {
    baseUrl: transport.baseUrl,

    health: (call?: CallOptions) => json<Health>({ method: 'GET', path: '/health' }, call),

    definitions: {
      /** Saves a draft (a new version, or a replacement of the current draft). */
      save: (definition: DefinitionInput, call?: CallOptions) => json<Definition>({ method: 'POST', path: '/definitions', body: definition }, call),
      list: (query: DefinitionListQuery = {}, call?: CallOptions) => json<DefinitionList>({ method: 'GET', path: '/definitions', query: { ...query } }, call),
      /** The latest published version, or `version` in any status. */
      get: (kind: DefinitionKind, key: string, version?: number, call?: CallOptions) =>
        json<Definition>({ method: 'GET', path: `/definitions/${seg(kind)}/${seg(key)}`, query: { version } }, call),
      publish: (kind: DefinitionKind, key: string, version?: number, call?: CallOptions) =>
        json<Definition>({ method: 'POST', path: `/definitions/${seg(kind)}/${seg(key)}/publish`, body: version === undefined ? {} : { version } }, call),
    },

    packs: {
      import: (bundle: PackBundle, importOptions: PackImportOptions = {}, call?: CallOptions) =>
        json<PackImportResult>({ method: 'POST', path: '/packs/import', query: { demo: importOptions.demo }, body: bundle }, call),
      list: (query: PackListQuery = {}, call?: CallOptions) => json<PackList>({ method: 'GET', path: '/packs', query: { ...query } }, call),
      export: (key: string, version?: number, call?: CallOptions) =>
        json<PackBundle>({ method: 'GET', path: `/packs/${seg(key)}/export`, query: { version } }, call),
      /** The pack's parameters on this installation: declaration, default and current value of each (designers). */
      parameters: (key: string, call?: CallOptions) => json<PackParameters>({ method: 'GET', path: `/packs/${seg(key)}/parameters` }, call),
      /**
       * Sets this installation's values (admins): each checked against the declaration, all or nothing; null
       * goes back to the default. Setting the same values twice changes nothing, so the call may be retried.
       */
      setParameters: (key: string, values: PackParameterValues, call?: CallOptions) =>
        json<PackParameters>({ method: 'PUT', path: `/packs/${seg(key)}/parameters`, body: { values }, idempotent: true }, call),
    },

    /** The template gallery: template packs that ship with Baton (HR, designers, admins). */
    templates: {
      /** Each shipped template with the version shipped, the version installed and whether an upgrade is available. */
      list: (call?: CallOptions) => json<TemplateList>({ method: 'GET', path: '/templates' }, call),
      /**
       * Installs or upgrades one from the server's own folder (the same import as packs.import); the version
       * already installed answers `outcome: 'unchanged'` and writes nothing, so a retry is harmless.
       */
      install: (key: string, options: TemplateInstallOptions = {}, call?: CallOptions) =>
        json<TemplateInstallResult>({ method: 'POST', path: `/templates/${seg(key)}/install`, body: { ...options } }, call),
    },

    directory: {
      import: (input: DirectoryImport, call?: CallOptions) => json<DirectoryImportResult>({ method: 'POST', path: '/directory/import', body: input }, call),
      /** The import's checks and a comparison with the directory, nothing written (dryRun). */
      previewImport: (input: DirectoryImport, call?: CallOptions) =>
        json<DirectoryImportPreview>({ method: 'POST', path: '/directory/import', body: { ...input, dryRun: true }, idempotent: true }, call),
      /** HR's people list as CSV text for the filters (every page; UTF-8, headers in the client's locale). */
      exportPeople: async (query: DirectoryPeopleExportQuery = {}, call?: CallOptions): Promise<string> => {
        const { body } = await transport.send<Uint8Array>({ method: 'GET', path: '/directory/people/export', query: { ...query }, expect: 'bytes' }, call);
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
      },
      user: (id: string, call?: CallOptions) => json<DirectoryUser>({ method: 'GET', path: `/directory/users/${seg(id)}` }, call),
      /** People by name or id, department (and below) or exact ids, by name; any signed-in caller. Follow `nextCursor`. */
      searchUsers: (query: DirectorySearchQuery = {}, call?: CallOptions) =>
        json<DirectorySearchResult>({ method: 'GET', path: '/directory/users', query: { ...query } }, call),
      /** HR's people list (hr, admin): searchUsers's filters and paging plus `status`, each person with manager, roles, hire date; `total` on the first page. */
      people: (query: DirectoryPeopleQuery = {}, call?: CallOptions) =>
        json<DirectoryPeopleResult>({ method: 'GET', path: '/directory/people', query: { ...query } }, call),
      /** Every department (id, name, parentId), by name: for filters and pickers. */
      departments: (call?: CallOptions) => json<{ items: DirectoryDepartment[] }>({ method: 'GET', path: '/directory/departments' }, call),
      /** Every role some person holds, with its number of holders, by name (designers, HR): for role pickers. */
      roles: (call?: CallOptions) => json<{ items: DirectoryRole[] }>({ method: 'GET', path: '/directory/roles' }, call),
    },

    connectors: {
      /** Configured connectors and those only declared by published definitions, without config (designers, auditors). */
      list: (call?: CallOptions) => json<ConnectorList>({ method: 'GET', path: '/connectors' }, call),
      /** Connector types this server knows (built-in and plugins), with their config schemas and secrets. */
      types: (call?: CallOptions) => json<ConnectorTypeList>({ method: 'GET', path: '/connector-types' }, call),
      /** One connector: config, which secrets are set (masked, never their values), state, last delivery. */
      get: (key: string, call?: CallOptions) => json<ConnectorView>({ method: 'GET', path: `/connectors/${seg(key)}` }, call),
      /**
       * Creates or replaces a connector (admins); omitted secrets keep their value, null removes one. Each save
       * is a new version, so the call is not retried on its own.
       */
      save: (key: string, input: ConnectorInput, call?: CallOptions) =>
        json<ConnectorView>({ method: 'PUT', path: `/connectors/${seg(key)}`, body: input }, call),
      /** One real call to the connector's system, the outcome in words (SSRF refusals included). */
      test: (key: string, call?: CallOptions) => json<ConnectorTestResult>({ method: 'POST', path: `/connectors/${seg(key)}/test` }, call),
      /** Its recent deliveries, newest first. */
      deliveries: (key: string, query: ConnectorDeliveryQuery = {}, call?: CallOptions) =>
        json<ConnectorDeliveryList>({ method: 'GET', path: `/connectors/${seg(key)}/deliveries`, query: { ...query } }, call),
    },

    /** Effects delivered after commit, as operators see them (admins). */
    outbox: {
      list: (query: OutboxListQuery = {}, call?: CallOptions) => json<OutboxList>({ method: 'GET', path: '/outbox', query: { ...query } }, call),
      /** Sends a dead letter again: back to pending, attempts reset; the comment is kept in the audit entry. */
      replay: (id: string, input: { comment?: string } = {}, call?: CallOptions) =>
        json<OutboxEntry>({ method: 'POST', path: `/outbox/${seg(id)}/replay`, body: input }, call),
    },

    tokens: {
      /** Admins only. The server stores no replay of this answer (it holds a secret): no Idempotency-Key. */
      create: (input: TokenInput, call?: CallOptions) =>
        json<IssuedToken>({ method: 'POST', path: '/tokens', body: input }, { ...call, idempotencyKey: false }),
    },

    flows: {
      start: (flowKey: string, input: StartInstanceInput, call?: CallOptions) =>
        json<Instance>({ method: 'POST', path: `/flows/${seg(flowKey)}/instances`, body: input }, call),
    },

    instances: {
      /** Instances the caller may see, newest first; follow nextCursor for the next page. */
      list: (query: InstanceListQuery = {}, call?: CallOptions) => json<InstanceList>({ method: 'GET', path: '/instances', query: { ...query } }, call),
      /** Instances of one flow per version and status (every instance for designers, HR and admins). */
      counts: (flowKey: string, call?: CallOptions) => json<InstanceCounts>({ method: 'GET', path: '/instances/counts', query: { flowKey } }, call),
      get: (id: string, call?: CallOptions) => json<Instance>({ method: 'GET', path: `/instances/${seg(id)}` }, call),
      cancel: (id: string, input: CancelInstanceInput = {}, call?: CallOptions) =>
        json<Instance>({ method: 'POST', path: `/instances/${seg(id)}/cancel`, body: input }, call),
      /** Resumes a step waiting for an outside event (an admin, or a role the step names); 409 when none waits for it. */
      signal: (id: string, input: SignalInstanceInput, call?: CallOptions) =>
        json<SignalResult>({ method: 'POST', path: `/instances/${seg(id)}/signals`, body: input }, call),
      /** The clear value of one secret field ("/data/bankAccount"), for roles the field allows; audited, never replayed. */
      revealSecret: (id: string, path: string, call?: CallOptions) =>
        json<RevealedSecret>({ method: 'POST', path: `/instances/${seg(id)}/secrets/reveal`, body: { path } }, { ...call, idempotencyKey: false }),
      evidence: (id: string, call?: CallOptions) => json<InstanceEvidence>({ method: 'GET', path: `/instances/${seg(id)}/evidence` }, call),
      /** A rendered document (PDF) of the instance, in every language it is written in (see documents.get). */
      document: (id: string, documentKey: string, call?: CallOptions): Promise<DocumentFile> => fetchDocument(id, documentKey, {}, call),
    },

    documents: {
      /** A document of an instance as a PDF; each download is audited with its sha256 (also in `sha256`). */
      get: (instanceId: string, documentKey: string, options: DocumentOptions = {}, call?: CallOptions): Promise<DocumentFile> =>
        fetchDocument(instanceId, documentKey, options, call),
    },

    tasks: {
      list: (query: TaskListQuery = {}, call?: CallOptions) => json<TaskList>({ method: 'GET', path: '/tasks', query: { ...query } }, call),
      get: (id: string, call?: CallOptions) => json<TaskDetail>({ method: 'GET', path: `/tasks/${seg(id)}` }, call),
      act: (id: string, action: TaskAction, call?: CallOptions) =>
        json<TaskActionResult>({ method: 'POST', path: `/tasks/${seg(id)}/actions`, body: action }, call),
    },

    records: {
      list: (formKey: string, query: RecordListQuery = {}, call?: CallOptions) =>
        json<RecordList>({ method: 'GET', path: `/records/${seg(formKey)}`, query: { ...query } }, call),
      create: (formKey: string, input: RecordInput, call?: CallOptions) =>
        json<RecordItem>({ method: 'POST', path: `/records/${seg(formKey)}`, body: input }, call),
      update: (formKey: string, id: string, patch: RecordPatch, call?: CallOptions) =>
        json<RecordItem>({ method: 'PATCH', path: `/records/${seg(formKey)}/${seg(id)}`, body: patch }, call),
      revealSecret: (formKey: string, id: string, path: string, call?: CallOptions) =>
        json<RevealedSecret>({ method: 'POST', path: `/records/${seg(formKey)}/${seg(id)}/secrets/reveal`, body: { path } }, { ...call, idempotencyKey: false }),
      /** The records a form's relation field offers for the form's current data (its `filter` applied); a read. */
      relationOptions: (query: RelationOptionsQuery, call?: CallOptions) =>
        json<RelationOptions>({ method: 'POST', path: '/relation-options', body: query }, { ...call, idempotencyKey: false }),
    },

    files: {
      /** Multipart upload; the answer is the reference an attachment field holds. */
      upload: (upload: FileUpload, call?: CallOptions) => {
        const form = new FormData();
        const blob = upload.content instanceof Blob ? upload.content : new Blob([upload.content as Uint8Array<ArrayBuffer>], { type: upload.contentType ?? 'application/octet-stream' });
        form.append('file', blob, upload.name);
        return json<FileRef>({ method: 'POST', path: '/files', form }, call);
      },
      /** The bytes, to those who may see an instance, record or task referencing the file (its uploader until then). */
      download: async (fileId: string, call?: CallOptions): Promise<DownloadedFile> => {
        const { body, response } = await transport.send<Uint8Array>({ method: 'GET', path: `/files/${seg(fileId)}`, expect: 'bytes' }, call);
        return {
          bytes: body,
          contentType: response.headers.get('content-type') ?? 'application/octet-stream',
          fileName: fileNameOf(response.headers.get('content-disposition')),
          sha256: /^"([a-f0-9]{64})"$/.exec(response.headers.get('etag') ?? '')?.[1] ?? null,
        };
      },
    },

    reports: {
      /** Runs a report; reading changes nothing, so no Idempotency-Key is sent. */
      run: (reportKey: string, input: ReportRunInput = {}, call?: CallOptions) =>
        json<ReportResult>({ method: 'POST', path: `/reports/${seg(reportKey)}/run`, body: input, idempotent: true }, call),
      /** Runs a report definition that is not published (designers): the same SQL, rows limited. */
      preview: (input: ReportPreviewInput, call?: CallOptions) =>
        json<ReportResult>({ method: 'POST', path: '/reports/preview', body: input, idempotent: true }, call),
      /** The rows (instances, tasks, people) behind one cell: a value per dimension key. */
      drill: (reportKey: string, input: ReportDrillInput, call?: CallOptions) =>
        json<ReportDrillResult>({ method: 'POST', path: `/reports/${seg(reportKey)}/drill`, body: input, idempotent: true }, call),
      /** The report as CSV text (UTF-8 with a byte-order mark; formula-looking cells escaped). */
      csv: async (reportKey: string, input: ReportRunInput = {}, call?: CallOptions): Promise<string> => {
        const { body } = await transport.send<Uint8Array>({ method: 'POST', path: `/reports/${seg(reportKey)}/csv`, body: input, idempotent: true, expect: 'bytes' }, call);
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
      },
    },

    audit: {
      verify: (call?: CallOptions) => json<AuditVerification>({ method: 'GET', path: '/audit/verify' }, call),
    },

    /** The caller's in-app notifications (every notify effect writes one per recipient). */
    notifications: {
      list: (query: NotificationListQuery = {}, call?: CallOptions) => json<NotificationList>({ method: 'GET', path: '/notifications', query: { ...query } }, call),
      markRead: (id: string, call?: CallOptions) => json<AppNotification>({ method: 'POST', path: `/notifications/${seg(id)}/read` }, call),
      markAllRead: (call?: CallOptions) => json<{ updated: number }>({ method: 'POST', path: '/notifications/read-all' }, call),
    },
  };
}

export type BatonClient = ReturnType<typeof createClient>;
