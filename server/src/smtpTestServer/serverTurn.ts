// Replies the client must wait for without a word: the greeting (RFC 5321 §3.1: the server speaks first) and the
// server's own 421 (§3.8). A line the client sends during the `<delay>` above such a reply, or before the last octet
// of a `<drip>`ped one, is a deviation, answered when it comes, not when the server would have finished.
import type { Socket } from 'node:net';
import type { ReplyExpectation, ServerMarker } from '../model/types';
import { serverMarkerText } from '../model/pendingMarkers';
import type { ContentPlay } from './scriptedContent';
import { withoutDelays, writeReply, type WrittenReply } from './faultPlay';
import { replyLines } from './scriptedReplies';

/** The session's play, as far as a wait asks it (scriptedSession.ts). */
type WaitingPlay = Pick<ContentPlay, 'reader' | 'readLine' | 'note' | 'deviate'>;

/** What a notice answers, for the reply texts the tables give it: no command (RFC 5321 §3.8). */
const NOTICE_TARGET = { kind: 'greeting' } as const;

/** The reply being waited for, and what a deviation there says. */
export interface ServerTurn {
  /** 0-based line of the reply. */
  line: number;
  expected: string;
  problem: string;
}

/** A client talking first, a "pregreet" (Postfix's postscreen drops one). */
export function greetingTurn(line: number): ServerTurn {
  return { line, expected: '(nothing: the client waits for the greeting)', problem: "the client sent a line before the server's greeting (RFC 5321 §3.1)" };
}

/** Waits out the `<delay>` markers above the reply: a line the client sends meanwhile is a deviation, told at once. */
export async function waitOutDelay(play: WaitingPlay, markers: readonly ServerMarker[] | undefined, turn: ServerTurn): Promise<void> {
  let delay = 0;
  for (const marker of markers ?? []) if (marker.name === 'delay') delay += marker.value ?? 0;
  if ('value' in (await play.reader.waitForInput(delay))) await talkedMeanwhile(play, turn);
}

/** Writes the reply as its markers but `<delay>` (waited out before) say; the client talking before its last octet deviates. */
export async function writeWatched(play: WaitingPlay, socket: Socket, wire: string, markers: readonly ServerMarker[] | undefined, turn: ServerTurn): Promise<WrittenReply> {
  const written = await writeReply(socket, wire, withoutDelays(markers), async (ms) => !('value' in (await play.reader.waitForInput(ms))));
  if (!written.stopped) return written;
  play.note('info', `the client talked after ${written.octets} octets of the reply`);
  // The 554 goes on a line of its own: after a piece of a line, a client would read it as the rest of that line.
  if (Buffer.from(wire, 'utf8')[written.octets - 1] !== 0x0a && !socket.destroyed) socket.write('\r\n');
  return talkedMeanwhile(play, turn);
}

async function talkedMeanwhile(play: WaitingPlay, turn: ServerTurn): Promise<never> {
  const sent = await play.readLine(turn.line, undefined, false);
  play.note('C', sent);
  return play.deviate(turn.line, turn.expected, sent, turn.problem);
}

/**
 * `Session.closingNotice`: the server's own 421 (RFC 5321 §3.8), after the `<delay>` above it, as an idle timeout
 * sends it. The client was to stay silent until then: a line it sends meanwhile (or before the last octet of a
 * `<drip>`ped 421) is a deviation, answered when it comes (a client under test learns at once, not when the delay is over).
 */
export async function sendClosingNotice(play: WaitingPlay & Pick<ContentPlay, 'resolve'>, socket: Socket, notice: ReplyExpectation, midMessage = false): Promise<void> {
  const line = notice.lines[0].line;
  const lines = replyLines(notice, NOTICE_TARGET, (text, at) => play.resolve(text, at).text);
  if (midMessage) {
    // The server stopped reading a message (`closedByServer`): what the client goes on sending is the rest of it,
    // which the server no longer reads, not a deviation.
    for (const marker of notice.markers ?? []) play.note('info', serverMarkerText(marker));
    for (const text of lines) play.note('S', text);
    const written = await writeReply(socket, lines.map((l) => `${l}\r\n`).join(''), notice.markers);
    if (written.cut) play.note('info', `the reply was cut after ${written.octets} octets`);
    return;
  }
  const turn = { line, expected: '(nothing: the server ends the session with its 421)', problem: 'the client sent a line where the transcript expects it to wait for the server' };
  await waitOutDelay(play, notice.markers, turn);
  for (const marker of notice.markers ?? []) play.note('info', serverMarkerText(marker));
  for (const text of lines) play.note('S', text);
  const written = await writeWatched(play, socket, lines.map((l) => `${l}\r\n`).join(''), notice.markers, turn);
  if (written.cut) play.note('info', `the reply was cut after ${written.octets} octets`);
}
