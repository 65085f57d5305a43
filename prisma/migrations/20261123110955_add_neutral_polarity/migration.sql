-- AlterEnum
ALTER TYPE "Polarity" ADD VALUE 'NEUTRAL';
