-- AlterEnum
ALTER TYPE "Unit" ADD VALUE 'WEEKS';
