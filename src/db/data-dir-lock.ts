import { closeSync, openSync, readFileSync, realpathSync, rmSync, writeSync } from 'node:fs';

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/** Who holds a lock: the process, and when it started (so that a pid reused by another process is not taken for the owner). */
interface LockOwner {
  pid: number;
  startedAt: string | null;
}

/** The lock file of an embedded data directory: beside its real path, so that a symlink to the directory finds the same lock. */
export function lockPathOf(dataDir: string): string {
  return `${realpathSync(dataDir)}.lock`;
}

/**
 * PGlite is a single-process database: a second process opening the same data directory would
 * corrupt it. A lock file beside the directory's real path, holding the owner's pid and start
 * time, makes the second opener fail at once with a clear message. A lock left by a process that
 * has died, or whose pid now belongs to another process, is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = lockPathOf(dataDir);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: startTimeOf(process.pid) } satisfies LockOwner));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockPath);
      if (owner && ownerIsRunning(owner)) {
        throw new DatabaseInUseError(
          `The embedded database at ${dataDir} is in use by process ${owner.pid}${owner.pid === process.pid ? ' (this one)' : ''}. ` +
            'Stop that server first, or send the work through its API (--endpoint).',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not take the lock on the embedded database at ${dataDir}`);
}

function readOwner(lockPath: string): LockOwner | null {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8').trim();
  } catch {
    return null;
  }
  // Locks written before start times were kept hold a bare pid.
  if (/^\d+$/.test(text)) return { pid: Number(text), startedAt: null };
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    return Number.isInteger(parsed.pid) && parsed.pid! > 0
      ? { pid: parsed.pid!, startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : null }
      : null;
  } catch {
    return null;
  }
}

function ownerIsRunning(owner: LockOwner): boolean {
  if (!isAlive(owner.pid)) return false;
  const startedAt = startTimeOf(owner.pid);
  // Where the system tells when a process started (Linux), a pid that started at another time is another process.
  if (owner.startedAt !== null && startedAt !== null) return startedAt === owner.startedAt;
  if (owner.startedAt === null && startedAt !== null) return commandOf(owner.pid).includes('node');
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
