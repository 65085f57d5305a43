import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** NHS England's monthly A&E files for June 2024 to June 2025, shipped with the project (see prisma/seed/README.md). */
export const SHIPPED_AE_MONTHLY_DIR = fileURLToPath(new URL('../../prisma/seed/fixtures/ae-monthly-2024-25', import.meta.url));

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The month a shipped file covers, from its name ("Monthly-AE-June-2024-revised.csv" is "2024-06"). */
export function fixtureMonth(name: string): string {
  const [, month, year] = /Monthly-AE-(\w+?)-(\d{4})/.exec(name) ?? [];
  const index = MONTHS.indexOf(month ?? '');
  if (index < 0 || !year) throw new Error(`${name} is not named like NHS England's monthly A&E files`);
  return `${year}-${String(index + 1).padStart(2, '0')}`;
}

/** The shipped files, in the order of the months they cover (the order NHS England published them). */
export function shippedFixtures(): string[] {
  return readdirSync(SHIPPED_AE_MONTHLY_DIR)
    .filter((name) => name.endsWith('.csv'))
    .sort((a, b) => fixtureMonth(a).localeCompare(fixtureMonth(b)))
    .map((name) => path.join(SHIPPED_AE_MONTHLY_DIR, name));
}
