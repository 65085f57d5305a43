import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/env.js';
import { identityProviderFromEnvironment } from '../../src/services/identity-tokens.js';
import { createTestApi, type TestApi } from '../support/api.js';
import { rawSocket, subscribeSse } from '../support/streams.js';

const ISSUER = 'https://login.example.nhs.uk/';
const AUDIENCE = 'nhs-mandate-graph';
const RECORD = 'mutation($i: RecordMeasurementsInput!) { recordMeasurements(input: $i) { inserted errors { code } } }';
const row = (odsCode: string) => ({
  metricCode: 'AE_4HR',
  odsCode,
  period: '2025-04',
  numerator: 800,
  denominator: 1_000,
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let jwks: { keys: object[] };
let api: TestApi;
let url: string;

/** A token as the provider would issue it; `claims` and `options` override the defaults. */
async function token(
  claims: Record<string, unknown> = {},
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the compiler needs it: it gives the default its wider type
  { key = signingKey, issuer = ISSUER, audience = AUDIENCE, expiresIn = '10m' as string | number } = {},
) {
  return new SignJWT({ nmg_role: 'partner', nmg_orgs: ['RJ1'], ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: key === signingKey ? 'provider-1' : 'stranger' })
    .setSubject('alice@rj1.nhs.uk')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

beforeAll(async () => {
  const provider = await generateKeyPair('ES256');
  signingKey = provider.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  jwks = { keys: [{ ...(await exportJWK(provider.publicKey)), kid: 'provider-1', alg: 'ES256', use: 'sig' }] };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'nmg-jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify(jwks));
  api = await createTestApi({
    identityProvider: { issuer: ISSUER, audience: AUDIENCE, jwks: { file } },
    credentialCheckMs: 200,
  });
  url = await api.app.start(0);
});
afterAll(() => api?.close());

const written = () => api.db.prisma.measurement.count({ where: { derived: false } });

describe('tokens from an identity provider', () => {
  it("give a partner the same rights as a partner key: its own trust, nobody else's, audited under its subject", async () => {
    const partner = await token();
    const own = await api.post(
      { query: RECORD, variables: { i: { source: 'jwt', measurements: [row('RJ1')] } } },
      bearer(partner),
    );
    expect(own.json.data).toEqual({ recordMeasurements: { inserted: 1, errors: [] } });
    const before = await written();
    const other = await api.post(
      { query: RECORD, variables: { i: { source: 'jwt', measurements: [row('R1H')] } } },
      bearer(partner),
    );
    expect(other.json.data).toEqual({
      recordMeasurements: { inserted: 0, errors: [{ code: 'FORBIDDEN_ORGANISATION' }] },
    });
    expect(await written()).toBe(before);
    const audited = await api.db.prisma.auditEntry.findMany({
      where: { actor: 'jwt:alice@rj1.nhs.uk' },
      orderBy: { id: 'asc' },
    });
    expect(audited.map(({ role, succeeded }) => ({ role, succeeded }))).toEqual([
      { role: 'PARTNER', succeeded: true },
      { role: 'PARTNER', succeeded: false },
    ]);
  });

  it('hold a reader to reading', async () => {
    const reader = await token({ nmg_role: 'reader', nmg_orgs: [] });
    expect((await api.post({ query: '{ mandates { totalCount } }' }, bearer(reader))).json.data).toEqual({
      mandates: { totalCount: 2 },
    });
    const write = await api.post(
      { query: RECORD, variables: { i: { source: 'jwt', measurements: [row('RJ1')] } } },
      bearer(reader),
    );
    expect(write.status).toBe(403);
    expect(write.json.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringContaining('reader token'),
    });
  });

  it('are refused with 401 when expired, forged, for another audience or issuer, or with claims this service cannot use', async () => {
    const refusals: [string, string, RegExp][] = [
      ['expired', await token({}, { expiresIn: Math.floor(Date.now() / 1_000) - 60 }), /expired/],
      ['signed by another key', await token({}, { key: strangerKey }), /not valid here/],
      ['for another audience', await token({}, { audience: 'someone-else' }), /"aud"/],
      ['from another issuer', await token({}, { issuer: 'https://evil.example/' }), /"iss"/],
      ['with an unknown role', await token({ nmg_role: 'superuser' }), /nmg_role/],
      ['naming an unknown organisation', await token({ nmg_orgs: ['ZZZ99'] }), /ZZZ99/],
      ['tampered with', `${(await token()).slice(0, -4)}AAAA`, /not valid here/],
    ];
    for (const [what, bad, message] of refusals) {
      const { status, json } = await api.post({ query: '{ mandates { totalCount } }' }, bearer(bad));
      expect(status, what).toBe(401);
      expect(json.errors?.[0], what).toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
        message: expect.stringMatching(message),
      });
    }
  });

  it('open WebSocket connections and SSE streams, which end when the token expires', async () => {
    const shortLived = await token(
      { nmg_role: 'ops', nmg_orgs: [] },
      { expiresIn: Math.floor(Date.now() / 1_000) + 2 },
    );
    const socket = rawSocket(url);
    await socket.init(shortLived);
    socket.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { thresholdCrossed { cursor } }' } });
    const sse = await subscribeSse(url, 'subscription { thresholdCrossed { cursor } }', {}, shortLived);
    expect(await socket.closed).toEqual({ code: 4401, reason: expect.stringContaining('the token expired') });
    for (let waited = 0; sse.errors.length === 0 && waited < 5_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sse.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'UNAUTHENTICATED' },
        message: expect.stringContaining('the token expired'),
      }),
    ]);
    sse.close();
  });

  it('are checked against a JWKS URL as well as a file, and refused where no provider is configured', async () => {
    const jwksServer: Server = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)),
    );
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const address = jwksServer.address() as { port: number };
    const env = readEnvironment({
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_JWKS_URL: `http://127.0.0.1:${address.port}/jwks.json`,
    });
    const remote = await createTestApi({ identityProvider: identityProviderFromEnvironment(env)! });
    const plain = await createTestApi();
    try {
      expect((await remote.post({ query: '{ mandates { totalCount } }' }, bearer(await token()))).json.data).toEqual({
        mandates: { totalCount: 2 },
      });
      const refused = await plain.post({ query: '{ mandates { totalCount } }' }, bearer(await token()));
      expect(refused.status).toBe(401);
      expect(refused.json.errors?.[0]?.message).toMatch(/takes no identity-provider tokens/);
    } finally {
      await remote.close();
      await plain.close();
      jwksServer.close();
    }
    expect(() => readEnvironment({ JWT_ISSUER: ISSUER })).toThrow(
      /JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL or JWT_JWKS_FILE/,
    );
  });
});
