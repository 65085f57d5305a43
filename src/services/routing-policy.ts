import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import type { InputProblem } from '../domain/errors.js';
import { matcherProblem, WEEKDAYS, type Route, type RoutingPolicy } from '../domain/routing.js';
import { writeAudit, type AuditedAction } from './audit.js';
import { routeTemplateProblem } from './notification-messages.js';
import { TEMPLATE_MAX_CHARS } from './notification-templates.js';

/** The most routes one policy may hold (all levels together). */
const MAX_ROUTES = 100;
const DAY_MS = 24 * 60 * 60_000;

const matcherSchema = z.object({
  label: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A label name is letters, digits and _, not starting with a digit.'),
  op: z.enum(['=', '!=', '=~', '!~']),
  value: z.string().max(500),
});
const duration = (name: string, most: number) =>
  z
    .number()
    .int()
    .min(0, `${name} cannot be negative.`)
    .max(most, `${name} is at most ${most / DAY_MS} days.`)
    .nullable();

const template = z
  .string()
  .max(TEMPLATE_MAX_CHARS, `A template is at most ${TEMPLATE_MAX_CHARS} characters.`)
  .nullable();

const routeSchema: z.ZodType<Route> = z.lazy(() =>
  z.object({
    receivers: z.array(z.string().min(1).max(100)).max(20),
    matchers: z.array(matcherSchema).max(20),
    continue: z.boolean(),
    groupBy: z.array(z.string().min(1).max(100)).max(20).nullable(),
    groupWaitMs: duration('groupWait', DAY_MS),
    groupIntervalMs: duration('groupInterval', 7 * DAY_MS),
    // A reminder every few seconds would be a storm of its own.
    repeatIntervalMs: duration('repeatInterval', 30 * DAY_MS).refine(
      (ms) => ms === null || ms >= 60_000,
      'repeatInterval is at least 60 s.',
    ),
    sendResolved: z.boolean().nullable(),
    muteTimeIntervals: z.array(z.string().min(1).max(100)).max(20),
    // Policies stored before templates existed have none.
    titleTemplate: template.default(null),
    textTemplate: template.default(null),
    routes: z.array(routeSchema).max(50),
  }),
);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time is HH:MM, 00:00 to 24:00.');
export const routingPolicySchema = z.object({
  route: routeSchema,
  inhibitRules: z
    .array(
      z.object({
        sourceMatchers: z.array(matcherSchema).min(1, 'An inhibition rule needs source matchers.').max(20),
        targetMatchers: z.array(matcherSchema).min(1, 'An inhibition rule needs target matchers.').max(20),
        equal: z.array(z.string().min(1).max(100)).max(20),
      }),
    )
    .max(50),
  timeIntervals: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(100),
        weekdays: z.array(z.enum(WEEKDAYS as [string, ...string[]])).max(7),
        times: z.array(z.object({ start: time, end: time })).max(10),
      }),
    )
    .max(20),
}) as z.ZodType<RoutingPolicy>;

const problem = (field: string | null, code: string, message: string): InputProblem => ({ field, code, message });

/**
 * Every problem with a policy beyond its shape: a receiver the owner does not have, a time interval
 * not defined, a regular expression that does not compile, a template that does not parse or
 * render, a repeat interval shorter than the group
 * interval it would repeat within, too many routes.
 */
export function policyProblems(policy: RoutingPolicy, receiverNames: ReadonlySet<string>): InputProblem[] {
  const problems: InputProblem[] = [];
  const intervals = new Set(policy.timeIntervals.map((interval) => interval.name));
  if (intervals.size !== policy.timeIntervals.length)
    problems.push(problem('timeIntervals', 'DUPLICATE_NAME', 'Each time interval needs a name of its own.'));
  let count = 0;
  const visit = (
    route: Route,
    path: string,
    inherited: { groupIntervalMs: number | null; repeatIntervalMs: number | null },
  ) => {
    count += 1;
    for (const name of route.receivers)
      if (!receiverNames.has(name))
        problems.push(
          problem(`${path}.receivers`, 'UNKNOWN_RECEIVER', `There is no receiver named "${name}" among this key's.`),
        );
    for (const name of route.muteTimeIntervals)
      if (!intervals.has(name))
        problems.push(
          problem(`${path}.muteTimeIntervals`, 'UNKNOWN_TIME_INTERVAL', `No time interval is named "${name}".`),
        );
    for (const matcher of route.matchers) {
      const regex = matcherProblem(matcher);
      if (regex) problems.push(problem(`${path}.matchers`, 'INVALID_MATCHER', regex));
    }
    for (const field of ['titleTemplate', 'textTemplate'] as const) {
      const text = route[field];
      const templateProblem = text === null ? null : routeTemplateProblem(text);
      if (templateProblem) problems.push(problem(`${path}.${field}`, 'INVALID_TEMPLATE', templateProblem));
    }
    const settings = {
      groupIntervalMs: route.groupIntervalMs ?? inherited.groupIntervalMs,
      repeatIntervalMs: route.repeatIntervalMs ?? inherited.repeatIntervalMs,
    };
    if (
      settings.groupIntervalMs !== null &&
      settings.repeatIntervalMs !== null &&
      settings.repeatIntervalMs < settings.groupIntervalMs
    )
      problems.push(
        problem(
          path,
          'INVALID_INTERVALS',
          `repeatInterval (${settings.repeatIntervalMs / 1000} s) is shorter than groupInterval (${settings.groupIntervalMs / 1000} s): a group cannot repeat sooner than it may speak.`,
        ),
      );
    route.routes.forEach((child, index) => visit(child, `${path}.routes.${index}`, settings));
  };
  visit(policy.route, 'route', { groupIntervalMs: null, repeatIntervalMs: null });
  for (const [index, rule] of policy.inhibitRules.entries())
    for (const matcher of [...rule.sourceMatchers, ...rule.targetMatchers]) {
      const regex = matcherProblem(matcher);
      if (regex) problems.push(problem(`inhibitRules.${index}`, 'INVALID_MATCHER', regex));
    }
  if (count > MAX_ROUTES)
    problems.push(problem('route', 'TOO_MANY_ROUTES', `A policy holds at most ${MAX_ROUTES} routes.`));
  return problems;
}

/** The policies of the owners given, read and checked as stored (a key without one is not in the map). */
export async function routingPolicies(
  client: Pick<Prisma.TransactionClient, 'routingPolicy'>,
  owners?: readonly string[],
): Promise<Map<string, RoutingPolicy>> {
  const rows = await client.routingPolicy.findMany({ where: owners ? { owner: { in: [...owners] } } : {} });
  return new Map(rows.map((row) => [row.owner, routingPolicySchema.parse(row.policy)]));
}

export type RoutingPolicyOutcome = { policy: RoutingPolicy | null; errors: InputProblem[] };

/**
 * A key's routing policy as its owner sets and reads it (an admin: any key's, by owner). Checked
 * whole (its shape, then its receivers, intervals and expressions); a refused policy changes
 * nothing. Every change is audited, refusals too.
 */
export function createRoutingPolicyService({
  db,
  owner,
  isAdmin,
  audit,
}: {
  db: Database;
  owner: string;
  isAdmin: boolean;
  audit: (action: string) => AuditedAction;
}) {
  const whose = (asked: string | null | undefined) => (isAdmin && asked ? asked : owner);
  return {
    /** The policy in force for a key: its own, or null when it has the default. */
    async get(asked?: string | null): Promise<RoutingPolicy | null> {
      return (await routingPolicies(db.prisma, [whose(asked)])).get(whose(asked)) ?? null;
    },

    async set(input: unknown, asked?: string | null): Promise<RoutingPolicyOutcome> {
      const target = whose(asked);
      const parsed = routingPolicySchema.safeParse(input);
      const problems: InputProblem[] = parsed.success
        ? policyProblems(
            parsed.data,
            new Set(
              (await db.prisma.receiver.findMany({ where: { owner: target }, select: { name: true } })).map(
                (receiver) => receiver.name,
              ),
            ),
          )
        : parsed.error.issues.map((issue) => problem(issue.path.join('.') || null, 'INVALID_POLICY', issue.message));
      if (problems.length > 0 || !parsed.success) {
        await writeAudit(db.prisma, audit('setRoutingPolicy'), {
          rows: 0,
          succeeded: false,
          detail: { owner: target, errors: problems },
        });
        return { policy: null, errors: problems };
      }
      await db.prisma.$transaction(async (tx) => {
        const policy = parsed.data as unknown as Prisma.InputJsonValue;
        await tx.routingPolicy.upsert({
          where: { owner: target },
          create: { owner: target, policy, updatedAt: new Date() },
          update: { policy, updatedAt: new Date() },
        });
        await writeAudit(tx, audit('setRoutingPolicy'), { rows: 1, succeeded: true, detail: { owner: target } });
      });
      return { policy: parsed.data, errors: [] };
    },

    /** Goes back to the default routing. */
    async clear(asked?: string | null): Promise<boolean> {
      const target = whose(asked);
      const { count } = await db.prisma.routingPolicy.deleteMany({ where: { owner: target } });
      await writeAudit(db.prisma, audit('clearRoutingPolicy'), {
        rows: count,
        succeeded: true,
        detail: { owner: target },
      });
      return count > 0;
    },
  };
}
