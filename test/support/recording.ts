// Feeds a TranscriptRecorder the steps of one connection (bytes each way as the network split them, TLS, the close)
// and returns the transcript, checked to lint without errors and to be the one told when the connection closed.
import assert from 'node:assert/strict';
import { lintTranscript } from '../../server/src/features/lint/lintTranscript';
import { parseTranscript } from '../../server/src/model';
import { TranscriptRecorder, type RecordedTranscript } from '../../server/src/record/transcriptRecorder';

/**
 * `['server-ended']`: the server's FIN came while the client's side stayed open (the proxy's `serverEnded`);
 * `['client-ended']`: the client's came first (`clientEnded`).
 */
export type Step = ['C' | 'S', string] | ['tls', 'starttls' | 'implicit'] | ['closed', 'client' | 'server' | 'error'] | ['server-ended'] | ['client-ended'];

export function record(steps: Step[], maxOctets?: number): RecordedTranscript {
  const told: RecordedTranscript[] = [];
  const recorder = new TranscriptRecorder({
    onRecorded: (recorded) => told.push(recorded),
    ...(maxOctets === undefined ? {} : { maxOctets }),
    startedAt: new Date('2026-12-03T01:02:03Z'),
    client: '127.0.0.1:50000',
    upstream: { host: '127.0.0.1', port: 2525 },
    recorder: 'smtp-transcript record',
  });
  for (const [kind, value] of steps) {
    if (kind === 'C') recorder.fromClient(Buffer.from(value));
    else if (kind === 'S') recorder.fromServer(Buffer.from(value));
    else if (kind === 'tls') recorder.tlsStarted(value!, 'TLSv1.3');
    else if (kind === 'server-ended') recorder.serverEnded();
    else if (kind === 'client-ended') recorder.clientEnded();
    else recorder.closed(value as 'client' | 'server' | 'error');
  }
  const recorded = recorder.transcript();
  // Told once, when the connection closed, the same transcript.
  assert.deepEqual(told, [recorded]);
  // As `smtp-transcript lint` reads it: parse problems and every rule.
  assert.deepEqual(lintTranscript(parseTranscript(recorded.text)).filter((d) => d.severity === 'error'), []);
  return recorded;
}

export const HEAD = (tls: string) => [
  `# Recorded by smtp-transcript record at 2026-12-03T01:02:03.000Z: client 127.0.0.1:50000 -> server 127.0.0.1:2525, ${tls}.`,
  '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
  '@match = strict',
  '@server = 127.0.0.1',
  '@port = 2525',
];

/** A session up to its message: the greeting, EHLO offering CHUNKING, MAIL and RCPT, each accepted. */
export const ENVELOPE: Step[] = [
  ['S', '220 mx.test ESMTP\r\n'],
  ['C', 'EHLO client.test\r\n'],
  ['S', '250-mx.test\r\n250 CHUNKING\r\n'],
  ['C', 'MAIL FROM:<a@client.test>\r\n'],
  ['S', '250 2.1.0 Ok\r\n'],
  ['C', 'RCPT TO:<b@mx.test>\r\n'],
  ['S', '250 2.1.5 Ok\r\n'],
];
