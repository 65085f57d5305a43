/**
 * The fan-out's ceiling: a bare `ws` server on the same machine, speaking just enough of the
 * graphql-transport-ws protocol for the same graphql-ws subscribers, that sends each subscription
 * as many frames of the same shape as ours delivered to it. Every frame of the burst carries the
 * moment the burst began, as all of one write's crossings carry the moment of that write
 * (`occurredAt`), so that latency is measured as ours is: from the event to each receipt, the
 * queue behind the first frames included. Runs in a process of its own, driven over IPC.
 */
import { WebSocketServer, type WebSocket } from 'ws';

export type CeilingCommand = { type: 'listen' } | { type: 'broadcast'; framesPerFilter: Record<string, number> };
export type CeilingMessage = { type: 'listening'; url: string } | { type: 'sent'; frames: number };

const subscriptions: { socket: WebSocket; id: string; filter: string }[] = [];
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false),
});
server.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      type: string;
      id?: string;
      payload?: { variables?: { filter?: unknown } };
    };
    if (message.type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
    else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    else if (message.type === 'subscribe')
      subscriptions.push({ socket, id: message.id!, filter: JSON.stringify(message.payload?.variables?.filter ?? {}) });
  });
});

/** Frame after frame, each to every subscription still owed one, as crossings reach subscribers one after another. */
function broadcast(framesPerFilter: Record<string, number>): number {
  const rounds = Math.max(0, ...Object.values(framesPerFilter));
  const occurredAt = new Date().toISOString();
  let frames = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const { socket, id, filter } of subscriptions) {
      if (round >= (framesPerFilter[filter] ?? 0)) continue;
      const thresholdCrossed = {
        cursor: String(round + 1),
        occurredAt,
        direction: 'BREACHED',
        period: '2025-06',
        value: 74.25,
        threshold: 78,
        organisation: { odsCode: 'QMJ' },
        metric: { code: 'AE_4HR' },
      };
      socket.send(JSON.stringify({ id, type: 'next', payload: { data: { thresholdCrossed } } }));
      frames += 1;
    }
  }
  return frames;
}

process.on('message', (command: CeilingCommand) => {
  const send = (message: CeilingMessage) => process.send!(message);
  if (command.type === 'listen') {
    const answer = () => {
      const address = server.address();
      send({
        type: 'listening',
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`,
      });
    };
    if (server.address()) answer();
    else server.once('listening', answer);
  }
  if (command.type === 'broadcast') send({ type: 'sent', frames: broadcast(command.framesPerFilter) });
});
