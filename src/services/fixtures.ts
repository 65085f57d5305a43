import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** NHS England's monthly A&E files for June 2024 to June 2025, shipped with the project (see prisma/seed/README.md). */
export const SHIPPED_AE_MONTHLY_DIR = fileURLToPath(new URL('../../prisma/seed/fixtures/ae-monthly-2024-25', import.meta.url));

export function shippedFixtures(): string[] {
  return readdirSync(SHIPPED_AE_MONTHLY_DIR)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => path.join(SHIPPED_AE_MONTHLY_DIR, name));
}
