import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** Whether this machine can start a Redis of a test's own. */
export const REDIS_SERVER_AVAILABLE = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A Redis that only this test uses, on a free port, that the test can kill and start again on the
 * same port (the machine's shared Redis must not be disturbed).
 */
export async function startOwnRedis() {
  const port = await freePort();
  let child: ChildProcess | undefined;
  async function start() {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    for (let waited = 0; !(await acceptsConnections(port)); waited += 50) {
      if (waited > 10_000) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  async function stop() {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }
  /** Stops the process without ending it (SIGSTOP): connections stay open and nothing answers, as behind a black-holed network. */
  const pause = () => child?.kill('SIGSTOP');
  const resume = () => child?.kill('SIGCONT');
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop, pause, resume };
}
