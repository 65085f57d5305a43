import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest whatever the machine: those that run the command line as processes
 * (dozens each), the board in Chromium, and the publishers' stand-in with its deadlines. vitest
 * orders files by their last durations when it has them, and by size on a clean clone, where these
 * could start last and run on alone while the other workers stand idle.
 */
const LONGEST = [
  /\/test\/cli-keys-imports\.test\.ts$/,
  /\/test\/cli-publications\.test\.ts$/,
  /\/test\/cli\.test\.ts$/,
  /\/test\/publisher-download\.test\.ts$/,
  /\/test\/browser\/board\.test\.ts$/,
];

/** vitest's order, with the longest files first. */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = LONGEST.findIndex((pattern) => pattern.test(file.moduleId));
      return index === -1 ? LONGEST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
