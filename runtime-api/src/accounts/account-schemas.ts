import { Type } from 'typebox';
import { Closed, IsoDateTime } from '../app/schema-helpers.js';

export const PASSWORD_MIN = 8;

export const SessionUserSchema = Closed({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  locale: Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Null()]),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
});

export const SessionSchema = Closed({
  token: Type.String({ description: 'A bearer token for this session: send it as "Authorization: Bearer <token>".' }),
  expiresAt: IsoDateTime,
  user: SessionUserSchema,
});

export const LoginBody = Closed({
  username: Type.String({ minLength: 1, maxLength: 128 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const PasswordBody = Closed({
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  username: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.@-]{1,128}$', description: 'Defaults to the user id (on creation) or the current username.' })),
});

export const DemoUserSchema = Closed({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  position: Type.Union([Type.String(), Type.Null()]),
});
