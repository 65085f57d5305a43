import { createHash, timingSafeEqual } from 'node:crypto';

/** What a caller may do; each role includes what the ones before it may. */
export type Role = 'READER' | 'OPS' | 'PARTNER' | 'ADMIN';
export const ROLES: readonly Role[] = ['READER', 'OPS', 'PARTNER', 'ADMIN'];

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/**
 * Who is asking: nobody in particular (anonymous callers read the public statistics, unless reads
 * need a key), or a caller identified by one of this service's API keys or by an identity
 * provider's token, with the same roles and organisations either way.
 */
export type Viewer = { kind: 'anonymous' } | IdentifiedViewer;

export type IdentifiedViewer = (
  { kind: 'key'; keyId: number; prefix: string } | { kind: 'token'; issuer: string; subject: string }
) & {
  role: Role;
  /** The organisations a partner answers for. */
  organisationIds: readonly number[];
  expiresAt: Date | null;
};

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

/** The name a viewer's writes are audited (and counted) under: "key:<prefix>" or "jwt:<subject>". */
export function actorOf(viewer: Viewer): string {
  if (viewer.kind === 'key') return `key:${viewer.prefix}`;
  return viewer.kind === 'token' ? `jwt:${viewer.subject}` : 'anonymous';
}

/** Where an organisation sits: itself and the organisations above it. */
export interface OrganisationPlace {
  id: number;
  parentId: number | null;
  icbId: number | null;
  regionId: number | null;
}

/**
 * Whether a writer may record values for an organisation: an admin anywhere; a partner for the
 * organisations it answers for and those directly or indirectly under them (an ICB key reaches
 * the ICB's trusts, never another ICB's).
 */
export function mayWriteFor(viewer: Viewer, organisation: OrganisationPlace): boolean {
  if (viewer.kind === 'anonymous') return false;
  if (viewer.role === 'ADMIN') return true;
  if (viewer.role !== 'PARTNER') return false;
  const above = [organisation.id, organisation.parentId, organisation.icbId, organisation.regionId];
  return viewer.organisationIds.some((id) => above.includes(id));
}

/** An API key as issued: "nmgk_" + a 12-hex-digit prefix (public, to find it) + "_" + a 43-character secret. */
const KEY_PATTERN = /^nmgk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function formatApiKey(prefix: string, secret: string): string {
  return `nmgk_${prefix}_${secret}`;
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

/** The stored form of a secret. Secrets are 32 random bytes, so a fast hash suffices (nothing to guess). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares a presented secret with a stored hash in time that does not depend on where they differ. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export type CredentialProblem = 'MALFORMED' | 'UNKNOWN' | 'REVOKED' | 'EXPIRED';

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none; 'MALFORMED' otherwise. */
export function bearerToken(header: string | null | undefined): string | undefined | 'MALFORMED' {
  if (header === null || header === undefined || header === '') return undefined;
  // Room for an identity provider's signed token as well as an API key.
  const match = /^Bearer +(\S{1,8192})\s*$/i.exec(header);
  return match ? match[1]! : 'MALFORMED';
}

/** Whether a bearer token is a JWT (three base64url parts, the first a JSON header, so "eyJ…") rather than an API key. */
export function looksLikeJwt(token: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);
}
