import { readFileSync } from 'node:fs';
import { buildSchema, printSchema } from 'graphql';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';
import {
  changelogSections,
  compareWithRelease,
  deprecationsWithoutPlan,
  removalRelease,
} from './support/schema-compatibility.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const RELEASED_TEXT = read('schema/released.graphql');
const released = buildSchema(RELEASED_TEXT);
const preparing: string = JSON.parse(read('package.json')).version;
const changelog = changelogSections(read('CHANGELOG.md'));
const lastRelease = [...changelog.keys()].find((heading) => heading !== 'Unreleased');
const describeChange = (change: { path?: string; message: string }) =>
  `${change.path ?? '(schema)'}: ${change.message}`;

describe('the schema partners code against', () => {
  it('is kept, as last released, in schema/released.graphql, for the release the changelog names last', () => {
    expect(lastRelease, 'CHANGELOG.md names no release').toBeDefined();
    expect(RELEASED_TEXT.split('\n')[0]).toBe(`# The schema as released in ${lastRelease}.`);
    expect(
      semver.gte(preparing, lastRelease!),
      `package.json's version ${preparing} is older than the last release ${lastRelease}`,
    ).toBe(true);
  });

  it('changes only additively since the last release, unless what goes was deprecated with its replacement and the release that removes it', async () => {
    const report = await compareWithRelease(released, schema, preparing);
    // Dangerous changes break no query but may surprise a client: listed for whoever reviews the change.
    if (report.dangerous.length > 0)
      console.info(
        `Dangerous schema changes since ${lastRelease}:\n${report.dangerous.map(describeChange).join('\n')}`,
      );
    expect(
      report.unannounced.map(describeChange),
      `Breaking changes since ${lastRelease}: deprecate first (@deprecated(reason: "Use \`Type.field\` instead. Removed in x.y.z.")), release, and remove in that release`,
    ).toEqual([]);
  });

  it("lists every schema change since the last release in the changelog's Unreleased section", async () => {
    const { all } = await compareWithRelease(released, schema, preparing);
    const unreleased = changelog.get('Unreleased') ?? '';
    const unlisted = all.filter((change) => !unreleased.includes(change.path ?? change.message));
    expect(
      unlisted.map(describeChange),
      'Add each to CHANGELOG.md under "## Unreleased", naming its schema coordinate',
    ).toEqual([]);
  });

  it('names the replacement and the removal release of every deprecation', () => {
    expect(deprecationsWithoutPlan(schema)).toEqual([]);
  });
});

describe('the breaking-change gate', () => {
  const before = buildSchema(`
    type Query { organisation(odsCode: String!): Organisation oldName: String @deprecated(reason: "Use \`Query.organisation\` instead. Removed in 0.3.0.") mood: Mood }
    type Organisation { odsCode: String! name: String! }
    enum Mood { MEETING NOT_MEETING }
  `);
  const after = (sdl: string) => buildSchema(sdl);

  it('refuses a field removed, a type narrowed, a required argument added and an enum value removed', async () => {
    const report = await compareWithRelease(
      before,
      after(`
        type Query { organisation(odsCode: String!, on: String!): Organisation oldName: String @deprecated(reason: "Use \`Query.organisation\` instead. Removed in 0.3.0.") mood: Mood }
        type Organisation { odsCode: Int! }
        enum Mood { MEETING }
      `),
      '0.3.0',
    );
    expect(report.unannounced.map((change) => change.path).sort()).toEqual([
      'Mood.NOT_MEETING',
      'Organisation.name',
      'Organisation.odsCode',
      'Query.organisation.on',
    ]);
  });

  it('takes the removal of a deprecated field in the release its deprecation names, not before', async () => {
    const without = after(printSchema(before).replace(/ {2}oldName: String @deprecated\(reason: ".*"\)\n/, ''));
    expect((await compareWithRelease(before, without, '0.3.0')).unannounced).toEqual([]);
    expect((await compareWithRelease(before, without, '0.3.0')).announced.map((change) => change.path)).toEqual([
      'Query.oldName',
    ]);
    expect((await compareWithRelease(before, without, '0.2.0')).unannounced.map((change) => change.path)).toEqual([
      'Query.oldName',
    ]);
  });

  it('lists an enum value added as dangerous, and passes additions', async () => {
    const report = await compareWithRelease(
      before,
      after(`${printSchema(before).replace('NOT_MEETING', 'NOT_MEETING\n  NO_DATA')}\ntype Extra { x: Int }`),
      '0.2.0',
    );
    expect(report.unannounced).toEqual([]);
    expect(report.dangerous.map((change) => change.path)).toEqual(['Mood.NO_DATA']);
  });

  it("reads a deprecation's plan only when it names both the replacement and the release", () => {
    expect(removalRelease('Use `Organisation.names` instead. Removed in 0.3.0.')).toBe('0.3.0');
    expect(removalRelease('No longer supported')).toBeNull();
    expect(removalRelease('Use `Organisation.names` instead.')).toBeNull();
    expect(deprecationsWithoutPlan(buildSchema('type Query { a: Int @deprecated(reason: "old") b: Int }'))).toEqual([
      'Query.a: "old"',
    ]);
  });

  it("reads the changelog's sections", () => {
    const sections = changelogSections(
      '# Changelog\n\n## Unreleased\n\n- Added `Query.x`.\n\n## 0.2.0 (2027-01-15)\n\n- Added `Query.y`.\n\n## 0.1.0 (2026-12-07)\n\nFirst.\n',
    );
    expect([...sections.keys()]).toEqual(['Unreleased', '0.2.0', '0.1.0']);
    expect(sections.get('Unreleased')).toBe('- Added `Query.x`.');
  });
});
