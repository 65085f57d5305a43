import { describe, expect, it } from 'vitest';
import { parseApiKey } from '../../src/domain/access.js';
import { servedTestApi } from '../support/api.js';

const served = servedTestApi();
const CREATE =
  'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { keyId prefix role organisations label expiresAt revokedAt } errors { code message } } }';
const REVOKE =
  'mutation($key: String!) { revokeApiKey(key: $key) { apiKey { prefix revokedAt } errors { code message } } }';
const RECORD = 'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { inserted errors { code } } }';
const as = (key: string) => ({ authorization: `Bearer ${key}` });

describe('admins manage keys through the API', () => {
  it('make a partner key, shown once, that writes for its trust; list it without its secret; revoke it', async () => {
    const { api } = served;
    const made = await api.post({
      query: CREATE,
      variables: {
        input: { role: 'PARTNER', organisations: ['rj1'], label: 'RJ1 returns', expiresAt: '2099-01-01T00:00:00Z' },
      },
    });
    const payload = (made.json.data as any).createApiKey;
    expect(payload.errors).toEqual([]);
    expect(payload.key).toMatch(/^nmgk_[0-9a-f]{12}_/);
    expect(payload.apiKey).toMatchObject({
      role: 'PARTNER',
      organisations: ['RJ1'],
      label: 'RJ1 returns',
      expiresAt: '2099-01-01T00:00:00.000Z',
      revokedAt: null,
    });
    const write = await api.post(
      {
        query: RECORD,
        variables: {
          i: {
            source: 'api key',
            measurements: [{ metricCode: 'AE_4HR', odsCode: 'RJ1', period: '2025-04', numerator: 8, denominator: 10 }],
          },
        },
      },
      as(payload.key),
    );
    expect(write.json.data).toEqual({ recordMeasurements: { inserted: 1, errors: [] } });

    const listed = await api.post({ query: '{ apiKeys { prefix role organisations } }' });
    expect((listed.json.data as any).apiKeys).toContainEqual({
      prefix: payload.apiKey.prefix,
      role: 'PARTNER',
      organisations: ['RJ1'],
    });
    // The secret is base64url and may itself hold '_', so it is read as the server reads it.
    expect(JSON.stringify(listed.json)).not.toContain(parseApiKey(payload.key)!.secret);

    const revoked = await api.post({ query: REVOKE, variables: { key: payload.apiKey.prefix } });
    expect((revoked.json.data as any).revokeApiKey).toMatchObject({
      apiKey: { prefix: payload.apiKey.prefix, revokedAt: expect.any(String) },
      errors: [],
    });
    expect((await api.post({ query: '{ mandates { totalCount } }' }, as(payload.key))).status).toBe(401);
    const audited = await api.db.prisma.auditEntry.findMany({
      where: { action: { in: ['createApiKey', 'revokeApiKey'] } },
      orderBy: { id: 'asc' },
    });
    expect(audited.map(({ action, succeeded, actor }) => ({ action, succeeded, actor }))).toEqual([
      { action: 'createApiKey', succeeded: true, actor: expect.stringMatching(/^key:/) },
      { action: 'revokeApiKey', succeeded: true, actor: expect.stringMatching(/^key:/) },
    ]);
  });

  it('revoke a key by a prefix that happens to be all decimal digits, which is not an id', async () => {
    const { api } = served;
    const made = await api.post({ query: CREATE, variables: { input: { role: 'READER' } } });
    const { keyId } = (made.json.data as any).createApiKey.apiKey;
    // One prefix in about 280 is twelve decimal digits; this one is made so.
    await api.db.prisma.apiKey.update({ where: { id: Number(keyId) }, data: { prefix: '123456789012' } });
    const revoked = await api.post({ query: REVOKE, variables: { key: '123456789012' } });
    expect(revoked.json).toEqual({
      data: { revokeApiKey: { apiKey: { prefix: '123456789012', revokedAt: expect.any(String) }, errors: [] } },
    });
    const byId = await api.post({ query: REVOKE, variables: { key: '99999999999' } });
    expect((byId.json.data as any).revokeApiKey.errors).toEqual([
      { code: 'INVALID_KEY_REQUEST', message: expect.stringContaining('There is no key "99999999999"') },
    ]);
  });

  it('refuse a key that makes no sense, making nothing, and audit the refusal', async () => {
    const { api } = served;
    const before = await api.db.prisma.apiKey.count();
    const refusals = () =>
      api.db.prisma.auditEntry.count({
        where: { action: { in: ['createApiKey', 'revokeApiKey'] }, succeeded: false },
      });
    const refusedBefore = await refusals();
    const attempts = [
      { role: 'PARTNER' },
      { role: 'READER', organisations: ['RJ1'] },
      { role: 'PARTNER', organisations: ['ZZZ99'] },
      { role: 'OPS', expiresAt: '2020-01-01T00:00:00Z' },
      { role: 'OPS', label: 'x'.repeat(201) },
    ];
    for (const input of attempts) {
      const { json } = await api.post({ query: CREATE, variables: { input } });
      expect((json.data as any).createApiKey, JSON.stringify(input)).toMatchObject({
        key: null,
        apiKey: null,
        errors: [{ code: 'INVALID_KEY_REQUEST' }],
      });
    }
    const again = await api.post({ query: REVOKE, variables: { key: 'ffffffffffff' } });
    expect((again.json.data as any).revokeApiKey.errors[0].code).toBe('INVALID_KEY_REQUEST');
    expect(await api.db.prisma.apiKey.count()).toBe(before);
    expect(await refusals()).toBe(refusedBefore + attempts.length + 1);
  });

  it('let nobody but admins near keys', async () => {
    const { api } = served;
    for (const role of ['READER', 'OPS', 'PARTNER'] as const) {
      const key = await api.createKey(role, role === 'PARTNER' ? ['RJ1'] : []);
      expect((await api.post({ query: '{ apiKeys { prefix } }' }, as(key))).status, role).toBe(403);
      expect((await api.post({ query: CREATE, variables: { input: { role: 'ADMIN' } } }, as(key))).status, role).toBe(
        403,
      );
    }
  });
});
