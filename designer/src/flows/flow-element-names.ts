import type { FlowDefinition, Locale } from '@baton/engine';
import { localizeText, type Localizable } from '../app/i18n/localized.js';

/**
 * Nodes and connections named as people see them ("the connection from ‘Manager approval’ to ‘HR
 * interview’"), never by their ids: for problem messages, the simulation and the connect menu.
 */
export interface FlowNames {
  locale: Locale;
  /** A node's title in the locale (its id only when it has no name, or it does not exist). */
  node: (id: string) => string;
  /** A node's title in quotes: ‘Manager approval’ / “经理审批”. */
  quoted: (id: string) => string;
  /** "the connection from ‘A’ to ‘B’" (lower case, for inside a sentence); undefined for an unknown edge. */
  connection: (edgeId: string) => string | undefined;
  /** ‘A’ → ‘B’, with the connection's label or port when it has one: for lists. */
  arrow: (edgeId: string) => string;
}

const QUOTES: Record<Locale, [string, string]> = { en: ['‘', '’'], 'zh-CN': ['“', '”'] };

export function quote(text: string, locale: Locale): string {
  const [open, close] = QUOTES[locale];
  return `${open}${text}${close}`;
}

/** `ports` gives an output port's label (e.g. "rejected" → "Rejected") when the caller knows them. */
export function flowNames(def: Pick<FlowDefinition, 'nodes' | 'edges'>, locale: Locale, ports?: (nodeId: string, port: string) => string | undefined): FlowNames {
  const nodes = new Map(def.nodes.map((n) => [n.id, n]));
  const edges = new Map(def.edges.map((e) => [e.id, e]));
  const node = (id: string) => localizeText(nodes.get(id)?.name as Localizable, locale, id);
  const quoted = (id: string) => quote(node(id), locale);
  const connection = (edgeId: string) => {
    const e = edges.get(edgeId);
    if (!e) return undefined;
    return locale === 'zh-CN' ? `从${quoted(e.from)}到${quoted(e.to)}的连线` : `the connection from ${quoted(e.from)} to ${quoted(e.to)}`;
  };
  const arrow = (edgeId: string) => {
    const e = edges.get(edgeId);
    if (!e) return edgeId;
    const label = localizeText(e.label as Localizable, locale) || (e.port ? (ports?.(e.from, e.port) ?? e.port) : '');
    return `${quoted(e.from)} → ${quoted(e.to)}${label ? (locale === 'zh-CN' ? `（${label}）` : ` (${label})`) : ''}`;
  };
  return { locale, node, quoted, connection, arrow };
}
