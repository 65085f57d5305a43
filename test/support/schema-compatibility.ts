import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import semver from 'semver';

/**
 * The gate partners rely on: the schema changes only additively between releases, unless what goes
 * was deprecated first with a reason that names its replacement and the release that removes it:
 * `@deprecated(reason: "Use \`Organisation.names\` instead. Removed in 0.3.0.")`.
 */
const DEPRECATION_REASON = /use `[^`]+`.*removed in (\d+\.\d+\.\d+)/is;

/** The release a deprecation reason names for the removal, or null when the reason does not say both what replaces it and when it goes. */
export function removalRelease(reason: string | null | undefined): string | null {
  const match = reason ? DEPRECATION_REASON.exec(reason) : null;
  return match ? match[1]! : null;
}

/** The deprecation reason of the schema coordinate a change names (`Type.field`, `Enum.VALUE`, `Input.field`), if it was deprecated. */
function deprecationAt(schema: GraphQLSchema, path: string | undefined): string | null {
  const [typeName, member] = (path ?? '').split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !member) return null;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
    return type.getFields()[member]?.deprecationReason ?? null;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason ?? null;
  return null;
}

export interface CompatibilityReport {
  /** Breaking changes that no deprecation announced for this release: each fails the gate. */
  unannounced: Change[];
  /** Breaking changes announced by a deprecation in the released schema, due by this release. */
  announced: Change[];
  /** Changes that break no query but may surprise a client (an enum value added, a default changed). */
  dangerous: Change[];
  all: Change[];
}

/** Compares the schema being prepared with the last released one, for the release `preparing` (package.json's version). */
export async function compareWithRelease(
  released: GraphQLSchema,
  current: GraphQLSchema,
  preparing: string,
): Promise<CompatibilityReport> {
  const all = await diff(released, current);
  const breaking = all.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const isDue = (change: Change) => {
    const due = removalRelease(deprecationAt(released, change.path));
    return due !== null && semver.gte(preparing, due);
  };
  return {
    unannounced: breaking.filter((change) => !isDue(change)),
    announced: breaking.filter(isDue),
    dangerous: all.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
    all,
  };
}

/** Every deprecation in a schema whose reason does not name its replacement and the release that removes it. */
export function deprecationsWithoutPlan(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const members =
      isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)
        ? Object.values(type.getFields())
        : isEnumType(type)
          ? type.getValues()
          : [];
    for (const member of members) {
      if (member.deprecationReason && !removalRelease(member.deprecationReason))
        found.push(`${type.name}.${member.name}: "${member.deprecationReason}"`);
    }
  }
  return found;
}

/** The changelog's entries: its `## Unreleased` section and one section per release (`## 0.2.0 (2027-01-15)`). */
export function changelogSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const headings = [...text.matchAll(/^## (Unreleased|\d+\.\d+\.\d+)\b.*$/gm)];
  headings.forEach((heading, index) => {
    const end = headings[index + 1]?.index ?? text.length;
    sections.set(heading[1]!, text.slice(heading.index + heading[0].length, end).trim());
  });
  return sections;
}
