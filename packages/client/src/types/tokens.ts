import type { IsoDateTime } from './common.js';

export interface TokenInput {
  userId: string;
  /** Granted on top of the user's directory roles. */
  roles?: string[];
  label?: string;
  expiresAt?: IsoDateTime;
}

export interface IssuedToken {
  id: string;
  /** The secret: shown once. */
  token: string;
  userId: string;
  roles: string[];
  label: string | null;
  expiresAt: IsoDateTime | null;
}
