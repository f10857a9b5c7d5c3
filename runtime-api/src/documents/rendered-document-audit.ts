import type { AuditInput } from '../audit/append-audit.js';
import type { RenderedDocument } from './render-instance-document.js';

/**
 * The `document.rendered` audit entry: which document version was rendered for which instance, and the
 * sha256 of the exact bytes handed out, so a PDF produced in a dispute can be checked against the log.
 */
export function renderedDocumentAudit(
  actor: string,
  instanceId: string,
  rendered: RenderedDocument,
  at: Date,
  extra: Record<string, unknown> = {},
): AuditInput {
  return {
    actor,
    action: 'document.rendered',
    subjectKind: 'instance',
    subjectId: instanceId,
    at,
    data: {
      documentKey: rendered.documentKey,
      documentVersion: rendered.documentVersion,
      instanceId,
      sha256: rendered.sha256,
      size: rendered.bytes.length,
      locales: rendered.locales,
      fileName: rendered.fileName,
      ...extra,
    },
  };
}
