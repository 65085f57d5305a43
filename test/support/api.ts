import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App, type AppDependencies } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import type { Role } from '../../src/domain/access.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApi {
  app: App;
  db: TestDatabase;
  /** SQL statements Prisma sent since the last reset. */
  queries: string[];
  /** An admin key: `post` and `execute` send it unless told otherwise. */
  adminKey: string;
  /** A further key (for a partner, name its organisations' ODS codes). */
  createKey(role: Role, organisations?: string[], expiresAt?: Date): Promise<string>;
  /** Runs a typed operation in-process and returns data, failing the test (with the exchange) on errors. */
  execute<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables?: Variables): Promise<Result>;
  /** Sends any body and returns the raw status and JSON, for bad-input tests; `authorization: ''` sends none. */
  post(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: ExecutionResult & Record<string, unknown> }>;
  close(): Promise<void>;
}

export const FIXED_TODAY = '2025-07-15';

/** A seeded database and the app on it; `options` override the app's dependencies (limits, logger). */
export async function createTestApi(options: Partial<Omit<AppDependencies, 'db'>> = {}): Promise<TestApi> {
  const queries: string[] = [];
  const db = await createTestDatabase({ onQuery: (sql) => queries.push(sql) });
  const createKey = async (role: Role, organisations: string[] = [], expiresAt?: Date) =>
    (
      await createApiKey(
        db,
        { role, organisations, expiresAt: expiresAt ?? null, label: `test ${role.toLowerCase()}` },
        new Date(),
      )
    ).key;
  const adminKey = await createKey('ADMIN');
  const app = buildApp({
    db,
    logger: createLogger((process.env.TEST_LOG_LEVEL as never) ?? 'silent'),
    now: () => new Date(`${FIXED_TODAY}T12:00:00Z`),
    // The notifier polls the database once started: only where a test asks for notifications, so
    // that the others' counts of queries are theirs alone.
    notifications: { run: false },
    ...options,
  });

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const response = await app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${adminKey}`,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: ExecutionResult & Record<string, unknown>;
    try {
      json = JSON.parse(text);
    } catch {
      json = { raw: text };
    }
    return { status: response.status, headers: response.headers, json };
  }

  return {
    app,
    db,
    queries,
    adminKey,
    createKey,
    post,
    async execute(document, variables) {
      const query = print(document);
      const { status, json } = await post({ query, variables });
      if (status !== 200 || json.errors) {
        throw new Error(
          `GraphQL request failed (HTTP ${status})\n--- query\n${query}\n--- variables\n${JSON.stringify(variables)}\n--- response\n${JSON.stringify(json, null, 2)}`,
        );
      }
      return json.data as never;
    },
    async close() {
      await app.stop();
      await db.close();
    },
  };
}

/** Starts a test API on a free port before the file's tests and stops it after; read `api` and `url` inside tests. */
export function servedTestApi(options: Partial<Omit<AppDependencies, 'db'>> = {}): { api: TestApi; url: string } {
  const served = {} as { api: TestApi; url: string };
  beforeAll(async () => {
    served.api = await createTestApi(options);
    served.url = await served.api.app.start(0);
  });
  afterAll(() => served.api?.close());
  return served;
}
