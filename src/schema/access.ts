import { roleAllows, type Viewer } from '../domain/access.js';
import { AuthenticationError, ForbiddenError } from '../services/api-keys.js';

/** What a caller may reach in the schema; root types and admin fields name the scope they need. */
export interface AccessScopes {
  /** Read the published data: anyone, unless reads need a key. */
  read: boolean;
  /** Subscribe to live events: ops, partner and admin keys. */
  subscribe: boolean;
  /** Write measurements: partner and admin keys (a partner only for its own organisations: see mayWriteFor). */
  write: boolean;
  /** Manage mandates, milestones, targets and keys, and read the audit log. */
  admin: boolean;
}

export function accessScopes(viewer: Viewer, requireKeyForReads: boolean): AccessScopes {
  const role = viewer.kind === 'anonymous' ? null : viewer.role;
  return {
    read: role !== null || !requireKeyForReads,
    subscribe: role !== null && roleAllows(role, 'OPS'),
    write: role !== null && roleAllows(role, 'PARTNER'),
    admin: role === 'ADMIN',
  };
}

/** The error for a field the caller may not reach: no key at all, or a key whose role falls short. */
export function refusal(viewer: Viewer, fieldName: string): Error {
  if (viewer.kind === 'anonymous')
    return new AuthenticationError('MISSING', `${fieldName} needs an API key: send "Authorization: Bearer <key>".`);
  return new ForbiddenError(
    `A ${viewer.role.toLowerCase()} ${viewer.kind === 'key' ? 'key' : 'token'} may not use ${fieldName}.`,
  );
}
