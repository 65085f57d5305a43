import { describe, expect, it } from 'vitest';
import {
  actorOf,
  ANONYMOUS,
  bearerToken,
  formatApiKey,
  hashSecret,
  looksLikeJwt,
  mayWriteFor,
  parseApiKey,
  roleAllows,
  secretMatches,
  type Role,
  type Viewer,
} from '../../src/domain/access.js';

const key = (role: Role, organisationIds: number[]): Viewer => ({
  kind: 'key',
  keyId: 1,
  prefix: 'abcdefabcdef',
  role,
  organisationIds,
  expiresAt: null,
});
const partner = (organisationIds: number[]) => key('PARTNER', organisationIds);
// A trust (id 30) under ICB 20 in region 10.
const trust = { id: 30, parentId: 20, icbId: 20, regionId: 10 };

describe('roles', () => {
  it('include what the roles before them may do', () => {
    expect(roleAllows('ADMIN', 'PARTNER')).toBe(true);
    expect(roleAllows('PARTNER', 'OPS')).toBe(true);
    expect(roleAllows('OPS', 'PARTNER')).toBe(false);
    expect(roleAllows('READER', 'OPS')).toBe(false);
  });
});

describe('mayWriteFor', () => {
  it("lets a partner write for its organisations and those under them, and nobody else's", () => {
    expect(mayWriteFor(partner([30]), trust)).toBe(true);
    expect(mayWriteFor(partner([20]), trust)).toBe(true);
    expect(mayWriteFor(partner([10]), trust)).toBe(true);
    expect(mayWriteFor(partner([21]), trust)).toBe(false);
    expect(mayWriteFor(partner([31]), trust)).toBe(false);
  });

  it('lets an admin write anywhere, and nobody else', () => {
    expect(mayWriteFor(key('ADMIN', []), trust)).toBe(true);
    expect(mayWriteFor(key('OPS', [30]), trust)).toBe(false);
    expect(mayWriteFor({ kind: 'anonymous' }, trust)).toBe(false);
  });
});

describe('API keys', () => {
  const secret = 'A'.repeat(43);
  it('are parsed only in their own shape', () => {
    expect(parseApiKey(formatApiKey('0123456789ab', secret))).toEqual({ prefix: '0123456789ab', secret });
    for (const bad of [
      '',
      'nmgk_0123456789ab',
      `nmgk_0123456789AB_${secret}`,
      `nmgk_0123456789ab_${secret}x`,
      `xnmgk_0123456789ab_${secret}`,
      `nmgk_0123456789ab_${'!'.repeat(43)}`,
    ]) {
      expect(parseApiKey(bad), bad).toBeUndefined();
    }
  });

  it('are checked against the stored hash only', () => {
    const stored = hashSecret(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches(secret, stored)).toBe(true);
    expect(secretMatches(`${secret.slice(0, -1)}B`, stored)).toBe(false);
    expect(secretMatches(secret, 'not hex')).toBe(false);
  });

  it('arrive as "Bearer <key>" or not at all', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    for (const bad of ['Bearer', 'Basic abc', 'Bearer a b', `Bearer ${'x'.repeat(8193)}`])
      expect(bearerToken(bad), bad).toBe('MALFORMED');
  });
});

describe('identity-provider tokens', () => {
  const token = (role: Role, organisationIds: number[]): Viewer => ({
    kind: 'token',
    issuer: 'https://idp/',
    subject: 'alice',
    role,
    organisationIds,
    expiresAt: null,
  });

  it('are told apart from API keys by their shape', () => {
    expect(looksLikeJwt('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln')).toBe(true);
    expect(looksLikeJwt(formatApiKey('abcdefabcdef', 'x'.repeat(43)))).toBe(false);
    expect(looksLikeJwt('eyJ.only-two')).toBe(false);
  });

  it('carry the same rights as keys, audited under their subject', () => {
    expect(mayWriteFor(token('PARTNER', [20]), trust)).toBe(true);
    expect(mayWriteFor(token('PARTNER', [21]), trust)).toBe(false);
    expect(mayWriteFor(token('OPS', [20]), trust)).toBe(false);
    expect(actorOf(token('ADMIN', []))).toBe('jwt:alice');
    expect(actorOf(key('ADMIN', []))).toBe('key:abcdefabcdef');
    expect(actorOf(ANONYMOUS)).toBe('anonymous');
  });
});
