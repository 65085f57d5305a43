import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    stream: { isTTY, columns: 80, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream,
    writes,
  };
}

describe('the import progress bar', () => {
  it('draws on a terminal, in place, and ends the line when done', () => {
    const { stream, writes } = fakeStream(true);
    const bar = createProgressBar(stream);
    bar.update(1, 4, 'read a.csv');
    bar.update(4, 4, 'done');
    bar.finish();
    expect(writes[0]).toMatch(/^\r\[#{8}\.{22}\] {2}25% read a\.csv/);
    expect(writes[1]).toMatch(/^\r\[#{30}\] 100% done/);
    expect(writes.at(-1)).toBe('\n');
  });

  it('stays silent when the output is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const bar = createProgressBar(stream);
    bar.update(1, 2, 'x');
    bar.finish();
    expect(writes).toEqual([]);
  });
});
