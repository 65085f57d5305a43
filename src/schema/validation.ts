import { z } from 'zod';
import { detectFrequency } from '../domain/period.js';

/** A period label of any frequency: "2025-03", "2025-Q1" or "2024-25". */
export const periodLabel = z
  .string()
  .max(10)
  .refine((label) => detectFrequency(label) !== undefined, {
    message: 'A period is YYYY-MM (monthly), YYYY-Qn (quarterly) or YYYY-YY (financial year).',
  });
