import type { Database } from '../db/database.js';
import { ROLES, type Role } from '../domain/access.js';
import { ApiKeyError, issueApiKey, listApiKeys, withdrawApiKey, type ApiKeySummary } from '../services/api-keys.js';
import { OPERATOR } from '../services/audit.js';

export const KEYS_HELP = `Usage: nhs-mandate-graph keys create --role <reader|ops|partner|admin> [--org <ODS>]... [--expires <date>] [--label <text>]
       nhs-mandate-graph keys list
       nhs-mandate-graph keys revoke <id or prefix>

API keys, sent as "Authorization: Bearer <key>" (HTTP, SSE) or in the graphql-ws connection_init
payload as { "authorization": "Bearer <key>" }. \`create\` prints the key once: only a hash is kept.
Roles: reader (read), ops (read and subscribe), partner (also record measurements for its --org
organisations and those under them), admin (everything, including keys and the audit log).
A revoked or expired key is refused at once, and streams opened with it end within seconds.

Options for create:
  --role <role>       reader, ops, partner or admin
  --org <ODS code>    an organisation a partner key answers for (repeat for several)
  --expires <date>    when the key stops working (ISO date or date-time; default: never)
  --label <text>      who or what the key is for, shown by \`keys list\``;

export class KeysUsageError extends Error {
  override name = 'KeysUsageError';
}

/** Where a command's lines go: the terminal, or back to the command line that sent it (operator-channel.ts). */
export interface Output {
  log(line: string): void;
  error(line: string): void;
}

export const TERMINAL: Output = { log: (line) => console.log(line), error: (line) => console.error(line) };

/** `keys create|list|revoke`; resolves with the exit code. */
export async function runKeys(
  db: Database,
  positionals: readonly string[],
  values: Record<string, unknown>,
  now: Date,
  out: Output = TERMINAL,
): Promise<number> {
  const [action, ...rest] = positionals;
  try {
    switch (action) {
      case 'create': {
        const role = String(values.role ?? '').toUpperCase();
        if (!(ROLES as readonly string[]).includes(role))
          throw new KeysUsageError(`--role must be one of ${ROLES.map((r) => r.toLowerCase()).join(', ')}.`);
        const expiresAt = parseExpiry(values.expires);
        const { key, summary } = await issueApiKey(
          db,
          {
            role: role as Role,
            organisations: (values.org as string[] | undefined) ?? [],
            expiresAt,
            label: (values.label as string | undefined) ?? null,
          },
          now,
          { ...OPERATOR, action: 'keys create' },
        );
        out.log(key);
        out.error(`Key ${summary.id} (${summary.prefix}), ${describe(summary)}. Store it now: it is not shown again.`);
        return 0;
      }
      case 'list': {
        const keys = await listApiKeys(db);
        if (keys.length === 0) out.log('No keys.');
        for (const key of keys) out.log(`${String(key.id).padStart(4)}  ${key.prefix}  ${describe(key)}`);
        return 0;
      }
      case 'revoke': {
        if (rest.length !== 1) throw new KeysUsageError('Name one key to revoke, by id or prefix.');
        const summary = await withdrawApiKey(db, rest[0]!, now, { ...OPERATOR, action: 'keys revoke' });
        out.log(`Revoked key ${summary.id} (${summary.prefix}).`);
        return 0;
      }
      default:
        throw new KeysUsageError(`Say create, list or revoke${action ? ` (not "${action}")` : ''}.`);
    }
  } catch (error) {
    if (error instanceof ApiKeyError) {
      out.error(error.message);
      return 1;
    }
    throw error;
  }
}

function parseExpiry(value: unknown): Date | null {
  if (value === undefined) return null;
  const date = new Date(String(value));
  if (!/^\d{4}-\d{2}-\d{2}/.test(String(value)) || Number.isNaN(date.getTime()))
    throw new KeysUsageError(`--expires takes an ISO date or date-time, not "${String(value)}".`);
  return date;
}

function describe(key: ApiKeySummary): string {
  const parts = [key.role.toLowerCase()];
  if (key.organisations.length > 0) parts.push(`for ${key.organisations.join(', ')}`);
  if (key.label) parts.push(`"${key.label}"`);
  parts.push(
    key.revokedAt
      ? `revoked ${key.revokedAt.toISOString()}`
      : key.expiresAt
        ? `expires ${key.expiresAt.toISOString()}`
        : 'no expiry',
  );
  if (key.lastUsedAt) parts.push(`last used ${key.lastUsedAt.toISOString()}`);
  return parts.join(', ');
}
