import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import {
  bearerToken,
  formatApiKey,
  hashSecret,
  looksLikeJwt,
  parseApiKey,
  secretMatches,
  type CredentialProblem,
  type Role,
  type Viewer,
} from '../domain/access.js';
import { DomainError, type InputProblem } from '../domain/errors.js';
import { writeAudit, type AuditedAction } from './audit.js';

/** The caller's credentials are missing where needed, malformed, unknown, revoked or expired. */
export class AuthenticationError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  override readonly http = { status: 401 };
  constructor(
    readonly problem: CredentialProblem | 'MISSING',
    message: string,
  ) {
    super(message);
  }
}

/** The caller is known but its role or organisations do not allow this. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  override readonly http = { status: 403 };
}

/** A key cannot be made or changed as asked. */
export class ApiKeyError extends DomainError {
  readonly code = 'INVALID_KEY_REQUEST';
}

export interface NewApiKey {
  role: Role;
  /** ODS codes of the organisations a partner key answers for. */
  organisations: readonly string[];
  expiresAt?: Date | null;
  label?: string | null;
}

export interface ApiKeySummary {
  id: number;
  prefix: string;
  role: Role;
  label: string | null;
  organisations: string[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const summaryInclude = { organisations: { include: { organisation: { select: { odsCode: true } } } } } as const;

/** How often a key's last use is written down (not on every request). */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates a key; the key itself is in the result and nowhere else: only its hash is stored. */
export async function createApiKey(
  db: Database,
  request: NewApiKey,
  now: Date,
): Promise<{ key: string; summary: ApiKeySummary }> {
  const odsCodes = [...new Set(request.organisations.map((code) => code.trim().toUpperCase()))];
  if (request.role === 'PARTNER' && odsCodes.length === 0)
    throw new ApiKeyError('A partner key answers for at least one organisation: give its ODS code.');
  if (request.role !== 'PARTNER' && odsCodes.length > 0)
    throw new ApiKeyError(
      `Only partner keys answer for organisations; a ${request.role.toLowerCase()} key takes none.`,
    );
  if (request.label && request.label.length > 200) throw new ApiKeyError('A label is at most 200 characters.');
  if (request.expiresAt && request.expiresAt <= now)
    throw new ApiKeyError(`The expiry ${request.expiresAt.toISOString()} has already passed.`);
  const organisations = await db.prisma.organisation.findMany({
    where: { odsCode: { in: odsCodes } },
    select: { id: true, odsCode: true },
  });
  const unknown = odsCodes.filter((code) => !organisations.some((organisation) => organisation.odsCode === code));
  if (unknown.length > 0)
    throw new ApiKeyError(`There is no organisation with ODS code ${unknown.map((code) => `"${code}"`).join(', ')}.`);
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const created = await db.prisma.apiKey.create({
    data: {
      prefix,
      secretHash: hashSecret(secret),
      role: request.role,
      label: request.label ?? null,
      expiresAt: request.expiresAt ?? null,
      organisations: { create: organisations.map((organisation) => ({ organisationId: organisation.id })) },
    },
    include: summaryInclude,
  });
  return { key: formatApiKey(prefix, secret), summary: summarise(created) };
}

export async function listApiKeys(db: Database): Promise<ApiKeySummary[]> {
  return (await db.prisma.apiKey.findMany({ include: summaryInclude, orderBy: { id: 'asc' } })).map(summarise);
}

/** The largest id a key can have (the column is a 32-bit integer). */
const LARGEST_KEY_ID = 2_147_483_647;

/**
 * A key named by its prefix (twelve hex digits, alone or with the rest of the key) or by its id. A
 * prefix can be twelve decimal digits, so twelve digits are always a prefix: ids never reach that long.
 */
function keyNamed(idOrPrefix: string): { id: number } | { prefix: string } {
  const prefix = idOrPrefix.replace(/^nmgk_/, '').slice(0, 12);
  if (/^[0-9a-f]{12}$/.test(prefix) || !/^\d+$/.test(idOrPrefix)) return { prefix };
  const id = Number(idOrPrefix);
  return { id: id <= LARGEST_KEY_ID ? id : 0 };
}

/** Revokes a key by its id or prefix; revoking a revoked key is an error (it may be a typo for another). */
export async function revokeApiKey(db: Database, idOrPrefix: string, now: Date): Promise<ApiKeySummary> {
  const key = await db.prisma.apiKey.findUnique({ where: keyNamed(idOrPrefix) });
  if (!key)
    throw new ApiKeyError(`There is no key "${idOrPrefix}" (give its id or prefix, as \`keys list\` shows them).`);
  if (key.revokedAt)
    throw new ApiKeyError(`Key ${key.id} (${key.prefix}) was already revoked on ${key.revokedAt.toISOString()}.`);
  return summarise(
    await db.prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: now }, include: summaryInclude }),
  );
}

/** Creates a key as the command line and admins' API do: the attempt, made or refused, is audited. */
export async function issueApiKey(
  db: Database,
  request: NewApiKey,
  now: Date,
  audit: AuditedAction,
): Promise<{ key: string; summary: ApiKeySummary }> {
  return auditedKeyChange(
    db,
    audit,
    { role: request.role, organisations: request.organisations, label: request.label ?? null },
    () => createApiKey(db, request, now),
  );
}

/** Revokes a key as the command line and admins' API do: the attempt, made or refused, is audited. */
export async function withdrawApiKey(
  db: Database,
  idOrPrefix: string,
  now: Date,
  audit: AuditedAction,
): Promise<ApiKeySummary> {
  return (
    await auditedKeyChange(db, audit, { key: idOrPrefix.slice(0, 40) }, async () => ({
      summary: await revokeApiKey(db, idOrPrefix, now),
    }))
  ).summary;
}

async function auditedKeyChange<T extends { summary: ApiKeySummary }>(
  db: Database,
  audit: AuditedAction,
  asked: Record<string, unknown>,
  change: () => Promise<T>,
): Promise<T> {
  try {
    const done = await change();
    const { summary } = done;
    await writeAudit(db.prisma, audit, {
      rows: 1,
      succeeded: true,
      detail: {
        ...asked,
        keyId: summary.id,
        prefix: summary.prefix,
        role: summary.role,
        organisations: summary.organisations,
      },
    });
    return done;
  } catch (error) {
    if (error instanceof ApiKeyError)
      await writeAudit(db.prisma, audit, { rows: 0, succeeded: false, detail: { ...asked, error: error.message } });
    throw error;
  }
}

/** Keys as admins manage them through the API: refusals come back as payload errors, not exceptions. */
export function createKeyAdministration(db: Database, now: () => Date, audit: (action: string) => AuditedAction) {
  const refused = (error: unknown): InputProblem[] => {
    if (error instanceof ApiKeyError) return [{ field: null, code: error.code, message: error.message }];
    throw error;
  };
  return {
    list: () => listApiKeys(db),
    async create(input: {
      role: Role;
      organisations?: readonly string[] | null;
      expiresAt?: Date | null;
      label?: string | null;
    }) {
      try {
        const { key, summary } = await issueApiKey(
          db,
          { ...input, organisations: input.organisations ?? [] },
          now(),
          audit('createApiKey'),
        );
        return { key, apiKey: summary, errors: [] };
      } catch (error) {
        return { key: null, apiKey: null, errors: refused(error) };
      }
    },
    async revoke(idOrPrefix: string) {
      try {
        return { apiKey: await withdrawApiKey(db, idOrPrefix, now(), audit('revokeApiKey')), errors: [] };
      } catch (error) {
        return { apiKey: null, errors: refused(error) };
      }
    },
  };
}

/**
 * Who an `Authorization` header says the caller is. No header: anonymous. Anything else must be a
 * valid, unrevoked, unexpired key (or, where an identity provider is configured, a valid token from
 * it), or the request is refused (a bad key is never read as no key).
 */
export async function authenticate(
  db: Database,
  authorization: string | null | undefined,
  now: Date,
  verifyIdentityToken?: (token: string, now: Date) => Promise<Viewer>,
): Promise<Viewer> {
  const token = bearerToken(authorization);
  if (token === undefined) return { kind: 'anonymous' };
  if (token === 'MALFORMED')
    throw new AuthenticationError('MALFORMED', 'The Authorization header must be "Bearer <key>".');
  if (looksLikeJwt(token)) {
    if (!verifyIdentityToken)
      throw new AuthenticationError(
        'MALFORMED',
        'This server takes no identity-provider tokens: send one of its API keys.',
      );
    return verifyIdentityToken(token, now);
  }
  const parsed = parseApiKey(token);
  if (!parsed)
    throw new AuthenticationError(
      'MALFORMED',
      'That is not an API key of this service (they look like nmgk_<12 hex digits>_<43 characters>).',
    );
  const key = await db.prisma.apiKey.findUnique({
    where: { prefix: parsed.prefix },
    include: { organisations: { select: { organisationId: true } } },
  });
  // Compare even when there is no such key, so that timing does not tell which prefixes exist.
  const matches = secretMatches(parsed.secret, key?.secretHash ?? '0'.repeat(64));
  if (!key || !matches) throw new AuthenticationError('UNKNOWN', 'This API key is not known.');
  if (key.revokedAt)
    throw new AuthenticationError('REVOKED', `This API key was revoked on ${key.revokedAt.toISOString()}.`);
  if (key.expiresAt && key.expiresAt <= now)
    throw new AuthenticationError('EXPIRED', `This API key expired on ${key.expiresAt.toISOString()}.`);
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: 'key',
    keyId: key.id,
    prefix: key.prefix,
    role: key.role,
    organisationIds: key.organisations.map((organisation) => organisation.organisationId),
    expiresAt: key.expiresAt,
  };
}

/** Of the keys given, those no longer valid (revoked or expired): their open streams are ended. */
export async function invalidKeys(db: Database, keyIds: readonly number[], now: Date): Promise<Map<number, string>> {
  if (keyIds.length === 0) return new Map();
  const keys = await db.prisma.apiKey.findMany({
    where: { id: { in: [...keyIds] }, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
    select: { id: true, revokedAt: true },
  });
  return new Map(keys.map((key) => [key.id, key.revokedAt ? 'the API key was revoked' : 'the API key expired']));
}

function summarise(key: {
  id: number;
  prefix: string;
  role: Role;
  label: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  organisations: { organisation: { odsCode: string } }[];
}): ApiKeySummary {
  return {
    id: key.id,
    prefix: key.prefix,
    role: key.role,
    label: key.label,
    organisations: key.organisations.map((entry) => entry.organisation.odsCode).sort(),
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}
