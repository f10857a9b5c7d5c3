import {
  AlarmClock,
  Award,
  Banknote,
  Bell,
  Braces,
  Briefcase,
  Building,
  Calculator,
  Calendar,
  CalendarClock,
  Car,
  CirclePlay,
  CircleStop,
  ClipboardCheck,
  Clock,
  Code,
  Database,
  DiamondPlus,
  File as FileIcon,
  FileCheck,
  FilePen,
  FilePlus,
  FileText,
  Flag,
  Gavel,
  GitBranch,
  GitFork,
  Globe,
  Hash,
  Hourglass,
  IdCard,
  Image as ImageIcon,
  Inbox,
  KeyRound,
  Laptop,
  Layers,
  Link,
  ListChecks,
  List,
  ListTodo,
  Lock,
  LogIn,
  LogOut,
  Mail,
  MapPin,
  MessageSquare,
  Package,
  Paperclip,
  Pen,
  Pencil,
  Percent,
  Phone,
  Plug,
  QrCode,
  Receipt,
  Repeat,
  Route,
  Scale,
  Send,
  Shapes,
  ShieldCheck,
  Signature,
  Smartphone,
  SquareCheckBig,
  SquareFunction,
  Split,
  Stamp,
  Star,
  Table,
  Tag,
  TextAlignStart,
  TextCursorInput,
  Timer,
  ToggleLeft,
  TriangleExclamationPoint,
  Truck,
  Upload,
  User,
  UserCheck,
  Users,
  Webhook,
  Workflow,
  Zap,
  type LucideIcon,
} from 'lucide-react';

/**
 * Icons for registry entries (field, node, trigger and action types). A type names its icon in `describe()`
 * (`icon: 'id-card'`); the name is a Lucide icon name in kebab-case, or one of Baton's own names below
 * (`gateway-*`, `subflow`, `checklist`, `function`, `stop`). Only the icons listed here are bundled (Lucide is
 * imported icon by icon, so the app does not carry all ~1,900); a designer extension adds more with
 * `registerTypeIcon`. A name nobody knows draws the neutral GENERIC_TYPE_ICON, never an error.
 */
export type TypeIcon = LucideIcon;

/** What a type without a known icon shows: neutral shapes, not a guess at its meaning. */
export const GENERIC_TYPE_ICON: TypeIcon = Shapes;

const BUILT_IN: Record<string, TypeIcon> = {
  // Names the built-in field types use (engine/src/forms/field-types).
  text: TextCursorInput,
  'align-left': TextAlignStart,
  hash: Hash,
  banknote: Banknote,
  'toggle-left': ToggleLeft,
  list: List,
  'list-checks': ListChecks,
  calendar: Calendar,
  clock: Clock,
  user: User,
  building: Building,
  link: Link,
  paperclip: Paperclip,
  signature: Signature,
  lock: Lock,
  function: SquareFunction,
  table: Table,
  // Names the built-in node types use (engine/src/flows/nodes).
  play: CirclePlay,
  stop: CircleStop,
  stamp: Stamp,
  checklist: ListTodo,
  'gateway-exclusive': Split,
  'gateway-parallel': DiamondPlus,
  'gateway-inclusive': GitFork,
  subflow: Workflow,
  bolt: Zap,
  // Names the built-in triggers and actions use (engine/src/rules).
  bell: Bell,
  'alarm-clock': AlarmClock,
  'git-branch': GitBranch,
  'check-square': SquareCheckBig,
  edit: Pencil,
  plug: Plug,
  'file-text': FileText,
  flag: Flag,
  'log-in': LogIn,
  'log-out': LogOut,
  inbox: Inbox,
  'file-edit': FilePen,
  'file-plus': FilePlus,
  'calendar-clock': CalendarClock,
  'alert-triangle': TriangleExclamationPoint,
  // Common Lucide names a plugin type may pick without touching the designer.
  'id-card': IdCard,
  mail: Mail,
  phone: Phone,
  smartphone: Smartphone,
  'map-pin': MapPin,
  image: ImageIcon,
  star: Star,
  globe: Globe,
  percent: Percent,
  calculator: Calculator,
  tag: Tag,
  'qr-code': QrCode,
  upload: Upload,
  file: FileIcon,
  'file-check': FileCheck,
  database: Database,
  webhook: Webhook,
  send: Send,
  'message-square': MessageSquare,
  users: Users,
  'user-check': UserCheck,
  briefcase: Briefcase,
  laptop: Laptop,
  package: Package,
  'key-round': KeyRound,
  timer: Timer,
  hourglass: Hourglass,
  repeat: Repeat,
  route: Route,
  split: Split,
  'git-fork': GitFork,
  workflow: Workflow,
  zap: Zap,
  'shield-check': ShieldCheck,
  'clipboard-check': ClipboardCheck,
  gavel: Gavel,
  receipt: Receipt,
  truck: Truck,
  car: Car,
  layers: Layers,
  scale: Scale,
  award: Award,
  braces: Braces,
  code: Code,
  pen: Pen,
  pencil: Pencil,
  'list-todo': ListTodo,
  'square-function': SquareFunction,
  'circle-play': CirclePlay,
  'circle-stop': CircleStop,
  'diamond-plus': DiamondPlus,
  'text-cursor-input': TextCursorInput,
  shapes: Shapes,
};

const registered = new Map<string, TypeIcon>();

/**
 * One spelling for every way a developer may write an icon name: "IdCard", "idCard", "id_card",
 * "lucide:id-card" and " ID-Card " all become "id-card".
 */
export function normalizeIconName(name: string): string {
  return name
    .trim()
    .replace(/^lucide[:/]/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[\s_]+/g, '-')
    .toLowerCase();
}

/**
 * Adds (or replaces) an icon name for the designer's palettes and flow nodes, e.g.
 * `registerTypeIcon('hard-drive', HardDrive)` with `HardDrive` from lucide-react. Call it before the app
 * renders (main.tsx); built-in names may be overridden this way too.
 */
export function registerTypeIcon(name: string, icon: TypeIcon): void {
  const key = normalizeIconName(name);
  if (!key) throw new Error('registerTypeIcon: the icon name is empty');
  registered.set(key, icon);
}

/** Removes an icon registered with registerTypeIcon (tests, hot reload). */
export function unregisterTypeIcon(name: string): void {
  registered.delete(normalizeIconName(name));
}

export interface ResolvedTypeIcon {
  icon: TypeIcon;
  /** The name that matched, or "generic" when none did: shown as `data-icon`, so a developer can see why. */
  name: string;
  generic: boolean;
}

function lookup(name: string | undefined): ResolvedTypeIcon | undefined {
  if (!name) return undefined;
  const key = normalizeIconName(name);
  const icon = registered.get(key) ?? (Object.hasOwn(BUILT_IN, key) ? BUILT_IN[key] : undefined);
  return icon ? { icon, name: key, generic: false } : undefined;
}

/**
 * The icon of a registry entry: the name it declares, else its type name (a type "user" without an icon
 * still gets the user icon), else the generic icon. A type suffix ("user@1") is ignored.
 */
export function resolveTypeIcon(entry: { icon?: string | undefined; type?: string | undefined }): ResolvedTypeIcon {
  const type = entry.type?.replace(/@[^@]*$/, '');
  return lookup(entry.icon) ?? lookup(type) ?? { icon: GENERIC_TYPE_ICON, name: 'generic', generic: true };
}

/** Every icon name the designer can draw right now (built-in and registered), sorted: for docs and tests. */
export function knownIconNames(): string[] {
  return [...new Set([...Object.keys(BUILT_IN), ...registered.keys()])].sort();
}
