// How the scripted server plays the markers of knowledge/serverFaults.ts on a socket: a pause before a reply, a reply
// dripped one octet at a time or cut short, a TCP reset. Every wait ends early when the client goes away.
import type { Socket } from 'node:net';
import type { ServerMarker } from '../model/types';

/** Waits `ms`, or less when the socket closes first. */
export function pause(socket: Socket, ms: number): Promise<void> {
  if (socket.destroyed || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}

/** The markers but `<delay>`: for a reply whose delay was waited out already. */
export function withoutDelays(markers: readonly ServerMarker[] | undefined): ServerMarker[] | undefined {
  return markers?.filter((m) => m.name !== 'delay');
}

/** The `<delay>` markers in `markers`, one after the other. */
export async function playDelays(socket: Socket, markers: readonly ServerMarker[] | undefined): Promise<void> {
  for (const marker of markers ?? []) if (marker.name === 'delay') await pause(socket, marker.value ?? 0);
}

/** What `writeReply` wrote: `octets`, fewer than the reply's when a `<cut>` cut it or a `DripPause` stopped it. */
export interface WrittenReply {
  octets: number;
  cut: boolean;
  stopped: boolean;
}

/** The wait between two octets of a `<drip>`: false stops the reply there. */
export type DripPause = (ms: number) => Promise<boolean>;

/**
 * Writes a reply's wire text as its markers say: after any `<delay>`, only the first octets of a `<cut>`, one octet
 * per `<drip>` interval (waited by `dripPause`: a plain pause unless the caller watches the client meanwhile).
 */
export async function writeReply(socket: Socket, wire: string, markers: readonly ServerMarker[] | undefined, dripPause?: DripPause): Promise<WrittenReply> {
  await playDelays(socket, markers);
  const cut = markers?.find((m) => m.name === 'cut')?.value;
  const drip = markers?.find((m) => m.name === 'drip')?.value;
  const bytes = Buffer.from(wire, 'utf8').subarray(0, cut);
  const whole = { octets: bytes.length, cut: cut !== undefined, stopped: false };
  if (drip === undefined) {
    if (!socket.destroyed && bytes.length > 0) socket.write(bytes);
    return whole;
  }
  for (let i = 0; i < bytes.length && !socket.destroyed; i++) {
    socket.write(bytes.subarray(i, i + 1));
    if (i === bytes.length - 1) break;
    if (!dripPause) await pause(socket, drip);
    else if (!(await dripPause(drip))) return { octets: i + 1, cut: false, stopped: true };
  }
  return whole;
}

/** A TCP RST instead of an orderly close (a TLS socket that cannot reset is destroyed). */
export function resetConnection(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
