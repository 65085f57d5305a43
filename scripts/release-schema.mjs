// Marks the schema as released: copies schema/schema.graphql into schema/released.graphql under
// package.json's version, which the breaking-change gate then compares every later schema with.
// Run it when cutting a release, after moving CHANGELOG.md's Unreleased entries under the version.
import { readFileSync, writeFileSync } from 'node:fs';

const at = (path) => new URL(`../${path}`, import.meta.url);
const { version } = JSON.parse(readFileSync(at('package.json'), 'utf8'));
if (!new RegExp(`^## ${version.replaceAll('.', '\\.')} `, 'm').test(readFileSync(at('CHANGELOG.md'), 'utf8'))) {
  console.error(`CHANGELOG.md has no "## ${version} (date)" section: move the Unreleased entries under it first.`);
  process.exit(1);
}
writeFileSync(
  at('schema/released.graphql'),
  `# The schema as released in ${version}.\n${readFileSync(at('schema/schema.graphql'), 'utf8')}`,
);
console.log(`schema/released.graphql is now the schema of ${version}.`);
