import { builder } from '../builder.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'What a caller may do; each role includes what the ones before it may.',
  values: {
    READER: { description: 'Read the published data.' },
    OPS: { description: 'Read and subscribe to live events.' },
    PARTNER: { description: 'Also record measurements for its own organisations and those under them.' },
    ADMIN: { description: 'Everything, including mandates, milestones, targets, keys and the audit log.' },
  } as const,
});

const AuditEntryRef = builder.prismaObject('AuditEntry', {
  description: 'One write as it was made, accepted or refused: who, what, when and how many rows.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    actor: t.exposeString('actor', {
      description: '"key:<prefix>" for an API key; "operator" for the command line on the server\'s machine.',
    }),
    role: t.expose('role', { type: RoleEnum, description: 'The role the write was made with.' }),
    action: t.exposeString('action', {
      description: '"recordMeasurements", "import nhse-ae-monthly", "keys create", …',
    }),
    rows: t.exposeInt('rows', { description: 'Rows the write changed (inserted or revised); 0 when refused.' }),
    succeeded: t.exposeBoolean('succeeded', { description: 'False when the write was refused and nothing changed.' }),
    detail: t.expose('detail', {
      type: 'JSON',
      description: 'Counts and particulars: rows sent, problems, files, the key made or revoked.',
    }),
  }),
});

const AuditEntryConnection = builder.connectionObject(
  { type: AuditEntryRef, name: 'AuditEntryConnection', description: 'A page of the audit log, newest first.' },
  { name: 'AuditEntryEdge', description: 'One entry and its cursor.' },
);

builder.queryFields((t) => ({
  auditEntries: t.prismaConnection(
    {
      type: 'AuditEntry',
      description: 'The audit log of writes, newest first (admins only).',
      authScopes: { admin: true },
      cursor: 'id',
      args: {
        actor: t.arg.string({ required: false, description: 'Only this actor\'s entries ("key:<prefix>").' }),
        action: t.arg.string({ required: false, description: 'Only entries of this action.' }),
      },
      totalCount: (_parent, args, context) => context.db.prisma.auditEntry.count({ where: auditWhere(args) }),
      resolve: (query, _parent, args, context) =>
        context.db.prisma.auditEntry.findMany({ ...query, where: auditWhere(args), orderBy: { id: 'desc' } }),
    },
    AuditEntryConnection,
  ),
}));

function auditWhere(args: { actor?: string | null; action?: string | null }) {
  return { ...(args.actor ? { actor: args.actor } : {}), ...(args.action ? { action: args.action } : {}) };
}
