/**
 * A one-line progress bar on a terminal; silent when stderr is not a TTY (CI, pipes, files), so
 * logs stay clean.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let drawn = false;
  return {
    update(done: number, total: number, label: string) {
      if (!enabled) return;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round((done / Math.max(total, 1)) * 100)).padStart(3)}% ${label}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd(Math.min(stream.columns ?? 100, 100) - 1)}`);
      drawn = true;
    },
    finish() {
      if (enabled && drawn) stream.write('\n');
      drawn = false;
    },
  };
}
