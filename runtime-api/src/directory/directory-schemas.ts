import { Type, type Static } from 'typebox';
import { Closed, IsoDate, JsonObject } from '../app/schema-helpers.js';

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

export const DirectoryImportBody = Closed(
  {
    departments: Type.Optional(Type.Array(DepartmentInput, { maxItems: 10_000 })),
    users: Type.Optional(Type.Array(UserInput, { maxItems: 50_000 })),
  },
  { description: 'Departments and users to create or update (matched by id), in one transaction.' },
);
export type DirectoryImport = Static<typeof DirectoryImportBody>;
export type UserInputValue = Static<typeof UserInput>;
export type DepartmentInputValue = Static<typeof DepartmentInput>;

export const Count = Closed({ inserted: Type.Integer(), updated: Type.Integer() });
export const DirectoryImportResult = Closed({ departments: Count, users: Count });

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
});

export const DepartmentView = Closed({
  id: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.String()),
});
