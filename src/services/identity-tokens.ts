import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Environment } from '../config/env.js';
import type { Database } from '../db/database.js';
import type { IdentifiedViewer, Role } from '../domain/access.js';
import { AuthenticationError } from './api-keys.js';

/** Where an identity provider's tokens are checked against: who issues them, for whom, and its public keys. */
export interface IdentityProviderSettings {
  issuer: string;
  audience: string;
  /** The provider's JSON Web Key Set: a URL (fetched and cached, refetched for an unknown key id) or a file. */
  jwks: { url: string } | { file: string };
}

/** The claims this service reads: the role and, for partners, the organisations' ODS codes. */
export const ROLE_CLAIM = 'nmg_role';
export const ORGANISATIONS_CLAIM = 'nmg_orgs';

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  exp: z.number(),
  [ROLE_CLAIM]: z.enum(['reader', 'ops', 'partner', 'admin'], {
    message: `the ${ROLE_CLAIM} claim must be reader, ops, partner or admin`,
  }),
  [ORGANISATIONS_CLAIM]: z
    .array(z.string().min(1).max(20))
    .max(100, `at most 100 organisations in ${ORGANISATIONS_CLAIM}`)
    .optional(),
});

/** Signing algorithms accepted: asymmetric only, so that a public key can never be used as a shared secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Checks identity-provider tokens: signature, issuer, audience, expiry, then the claims this service reads. */
export function createIdentityTokenVerifier(db: Database, settings: IdentityProviderSettings) {
  const keys: JWTVerifyGetKey =
    'url' in settings.jwks
      ? createRemoteJWKSet(new URL(settings.jwks.url))
      : createLocalJWKSet(JSON.parse(readFileSync(settings.jwks.file, 'utf8')));
  return async (token: string, now: Date): Promise<IdentifiedViewer> => {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
        currentDate: now,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('EXPIRED', 'This token has expired.');
      if (error instanceof errors.JOSEError)
        throw new AuthenticationError('UNKNOWN', `This token is not valid here: ${error.message}.`);
      throw error;
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      throw new AuthenticationError(
        'MALFORMED',
        `This token's claims are not usable: ${claims.error.issues.map((issue) => issue.message).join('; ')}.`,
      );
    const odsCodes = claims.data[ORGANISATIONS_CLAIM] ?? [];
    const organisations = await db.prisma.organisation.findMany({
      where: { odsCode: { in: odsCodes } },
      select: { id: true, odsCode: true },
    });
    const unknown = odsCodes.filter((code) => !organisations.some((organisation) => organisation.odsCode === code));
    if (unknown.length > 0)
      throw new AuthenticationError(
        'UNKNOWN',
        `This token names organisations this service does not know: ${unknown.slice(0, 5).join(', ')}.`,
      );
    return {
      kind: 'token',
      issuer: settings.issuer,
      subject: claims.data.sub,
      role: claims.data[ROLE_CLAIM].toUpperCase() as Role,
      organisationIds: organisations.map((organisation) => organisation.id),
      expiresAt: new Date(claims.data.exp * 1_000),
    };
  };
}

export type IdentityTokenVerifier = ReturnType<typeof createIdentityTokenVerifier>;

/** The identity provider the environment names, if any (readEnvironment has checked it names all of it or nothing). */
export function identityProviderFromEnvironment(env: Environment): IdentityProviderSettings | undefined {
  if (!env.JWT_ISSUER || !env.JWT_AUDIENCE) return undefined;
  const jwks = env.JWT_JWKS_URL
    ? { url: env.JWT_JWKS_URL }
    : env.JWT_JWKS_FILE
      ? { file: env.JWT_JWKS_FILE }
      : undefined;
  return jwks && { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, jwks };
}
