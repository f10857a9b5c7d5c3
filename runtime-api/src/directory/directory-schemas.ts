import { Type, type Static } from 'typebox';
import { Closed, IsoDate, JsonObject } from '../app/schema-helpers.js';
import { IssueSchema } from '../errors/error-body.js';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\s/]+$' });
const Role = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' });
const Text = Type.String({ minLength: 1, maxLength: 200 });

export const DepartmentInput = Closed({
  id: Id,
  name: Text,
  parentId: Type.Optional(Id),
  headId: Type.Optional(Id),
});

export const UserInput = Closed({
  id: Id,
  name: Text,
  departmentId: Type.Optional(Id),
  position: Type.Optional(Text),
  managerId: Type.Optional(Id),
  roles: Type.Optional(Type.Array(Role, { maxItems: 50, uniqueItems: true })),
  hireDate: Type.Optional(IsoDate),
  leaveDate: Type.Optional(IsoDate),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  mobile: Type.Optional(Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' })),
  attributes: Type.Optional(JsonObject),
  active: Type.Optional(Type.Boolean()),
});

/** The user fields an import may leave as stored (`keep`): all but id and name, which every row gives. */
export const KEEPABLE_FIELDS = ['departmentId', 'position', 'managerId', 'roles', 'hireDate', 'leaveDate', 'email', 'mobile', 'attributes', 'active'] as const;
export type KeepableField = (typeof KEEPABLE_FIELDS)[number];

export const DirectoryImportBody = Closed(
  {
    departments: Type.Optional(Type.Array(DepartmentInput, { maxItems: 10_000 })),
    users: Type.Optional(Type.Array(UserInput, { maxItems: 50_000 })),
    keep: Type.Optional(
      Type.Array(Type.Union(KEEPABLE_FIELDS.map((f) => Type.Literal(f))), {
        maxItems: KEEPABLE_FIELDS.length,
        uniqueItems: true,
        description:
          'User fields that a row leaving them out does not clear: a person already in the directory keeps the stored value (a CSV with no column for them). A row that gives the field still sets it; new people get the default.',
      }),
    ),
    dryRun: Type.Optional(
      Type.Boolean({
        description:
          'true: write nothing; run every check (the schema\'s included) and answer 200 with what would be inserted, updated or left unchanged and every issue, each with its JSON Pointer path',
      }),
    ),
  },
  { description: 'Departments and users to create or update (matched by id), in one transaction.' },
);
export type DirectoryImport = Static<typeof DirectoryImportBody>;
export type UserInputValue = Static<typeof UserInput>;
export type DepartmentInputValue = Static<typeof DepartmentInput>;

export const Count = Closed({ inserted: Type.Integer(), updated: Type.Integer() });
export const DirectoryImportResult = Closed({ departments: Count, users: Count });

const PreviewCount = Closed({
  inserted: Type.Integer(),
  updated: Type.Integer({ description: 'Stored and different: the fields that change are in changes' }),
  unchanged: Type.Integer({ description: 'Stored and identical (the import rewrites them and counts them as updated)' }),
});
export const DirectoryImportPreview = Closed(
  {
    dryRun: Type.Literal(true),
    valid: Type.Boolean({ description: 'true when issues is empty: the same body without dryRun would be imported' }),
    departments: PreviewCount,
    users: PreviewCount,
    changes: Type.Array(
      Closed({
        list: Type.Union([Type.Literal('users'), Type.Literal('departments')]),
        index: Type.Integer({ description: 'Position in the list sent' }),
        id: Type.String(),
        action: Type.Union([Type.Literal('insert'), Type.Literal('update')]),
        fields: Type.Array(Type.String(), { description: 'The fields an update changes; empty for an insert' }),
      }),
      { description: 'Entries that would be inserted or updated, in the order sent (at most 1000: see changesTruncated)' },
    ),
    changesTruncated: Type.Boolean(),
    issues: Type.Array(IssueSchema, { description: 'Every problem (schema, duplicates, references, cycles), each with its path; the import refuses the body while any remain' }),
  },
  { description: 'dryRun: what the import would do, nothing written.' },
);

const PersonStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('left')], {
  description: 'left: the leave date is before today (organisation time zone); inactive: deactivated in the directory; active: may be chosen (a leave date today or later: leaving)',
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const DirectoryUserView = Closed({
  id: Type.String(),
  name: Type.String(),
  departmentId: Nullable(Type.String()),
  department: Nullable(Closed({ id: Type.String(), name: Type.String() })),
  position: Nullable(Type.String()),
  managerId: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  hireDate: Nullable(IsoDate),
  leaveDate: Nullable(IsoDate),
  email: Nullable(Type.String()),
  mobile: Nullable(Type.String()),
  attributes: JsonObject,
  active: Type.Boolean(),
  status: PersonStatus,
});

export const DepartmentView = Closed({
  id: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.String()),
});

// The people search (GET /directory/users): what anyone signed in may learn about a colleague to pick them,
// nothing more (no contact details, roles, dates or attributes: those stay behind /directory/users/:id).
export const DirectorySearchQuery = Closed({
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      // NUL cannot reach PostgreSQL text; refused here with a path instead of failing in the query.
      pattern: '^[^\\x00]*$',
      description: 'Words that must each appear in the name or the id (case-insensitive substring, any script)',
    }),
  ),
  department: Type.Optional(
    Type.Array(Id, { maxItems: 20, description: 'Department ids (repeat the parameter): their people and those of the departments below them' }),
  ),
  id: Type.Optional(
    Type.Array(Id, { maxItems: 100, description: 'Exact ids (repeat the parameter): names for values already chosen' }),
  ),
  include: Type.Optional(
    Type.Union([Type.Literal('present'), Type.Literal('all')], {
      default: 'present',
      description:
        'present (default): only people who can still be chosen (active, leave date today or later in the organisation time zone); all: everyone, including people who have left or are inactive (names of stored values, a leaving-employee field)',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 1200, description: 'nextCursor of the previous page' })),
});
export type DirectorySearchInput = Static<typeof DirectorySearchQuery>;

const PersonProperties = {
  id: Type.String(),
  name: Type.String(),
  departmentId: Nullable(Type.String()),
  department: Nullable(Closed({ id: Type.String(), name: Type.String() })),
  position: Nullable(Type.String()),
  active: Type.Boolean({ description: 'false: deactivated in the directory (see status)' }),
  status: PersonStatus,
  leaveDate: Nullable(IsoDate),
};
export const DirectoryPersonView = Closed(PersonProperties);
export type DirectoryPerson = Static<typeof DirectoryPersonView>;

// HR's people list (GET /directory/people): the search's person plus what HR manages in the directory
// (manager, roles, hire date), still without contacts or attributes (those stay behind /directory/users/:id).
export const DirectoryPeopleRowView = Closed({
  ...PersonProperties,
  managerId: Nullable(Type.String()),
  manager: Nullable(Closed({ id: Type.String(), name: Type.String() }, { description: 'null when there is no manager or the id names nobody' })),
  roles: Type.Array(Type.String()),
  hireDate: Nullable(IsoDate),
});
export type DirectoryPeopleRow = Static<typeof DirectoryPeopleRowView>;

/** HR's status filter: who is leaving (present, leave date set), who has left, who was switched off. */
export const PeopleStatusFilter = Type.Union([Type.Literal('leaving'), Type.Literal('left'), Type.Literal('inactive')], {
  description:
    'Only people in this state, whatever include says (organisation time zone): leaving: active with a leave date today or later; left: leave date before today; inactive: deactivated and not yet past their leave date',
});
export type PeopleStatus = Static<typeof PeopleStatusFilter>;

export const DirectoryPeopleQuery = Closed({ ...DirectorySearchQuery.properties, status: Type.Optional(PeopleStatusFilter) });
export type DirectoryPeopleInput = Static<typeof DirectoryPeopleQuery>;

/** The list's filters without paging (the export reads every page) or exact ids. */
const { limit: _limit, cursor: _cursor, id: _id, ...exportFilters } = DirectoryPeopleQuery.properties;
export const DirectoryPeopleExportQuery = Closed(exportFilters);

export const DirectoryPeopleResult = Closed({
  items: Type.Array(DirectoryPeopleRowView),
  total: Nullable(Type.Integer({ description: 'How many people match the filters (all pages); null on later pages (cursor given)' })),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
});

export const DirectorySearchResult = Closed({
  items: Type.Array(DirectoryPersonView),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
});
