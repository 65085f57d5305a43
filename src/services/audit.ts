import type { Prisma } from '../db/generated/prisma/client.js';
import type { Role } from '../domain/access.js';

/** Who did what: the part of an audit entry known before the write. */
export interface AuditedAction {
  /** "key:<prefix>" for API callers; "operator" for someone with the database itself (the CLI, the server's first start). */
  actor: string;
  role: Role;
  /** "recordMeasurements", "import nhse-ae-monthly", "keys create", … */
  action: string;
}

/** The operator: whoever runs the CLI against the database, with every right the database gives. */
export const OPERATOR = { actor: 'operator', role: 'ADMIN' } as const;

/** Appends to the audit log; inside a write's transaction, so that no write goes unrecorded. */
export async function writeAudit(
  client: Pick<Prisma.TransactionClient, 'auditEntry'>,
  action: AuditedAction,
  outcome: { rows: number; succeeded: boolean; detail: Record<string, unknown> },
): Promise<void> {
  await client.auditEntry.create({ data: { ...action, ...outcome, detail: outcome.detail as Prisma.InputJsonValue } });
}
