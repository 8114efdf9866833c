// What a client makes anew for each message, as an import or a recording writes it: `{{$date}}`, `{{$message-id}}`,
// and each MIME boundary as `{{$boundary N}}`, numbered as declared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientMadeValues } from '../../../server/src/import/clientMadeValues';

const written = (...lines: string[]): (string | undefined)[] => {
  const made = new ClientMadeValues();
  return lines.map((line) => made.payload(line));
};

test('quoted and token boundaries, a folded parameter, nested parts: each declared boundary and its delimiter lines', () => {
  assert.deepEqual(
    written(
      'Content-Type: multipart/mixed;',
      ' boundary="outer=_1"',
      '',
      '--outer=_1',
      'Content-Type: multipart/alternative; boundary=inner-2',
      '',
      '--inner-2',
      'text',
      '--inner-2--  ',
      '--outer=_1--',
    ),
    [
      'Content-Type: multipart/mixed;',
      ' boundary="{{$boundary 1}}"',
      '',
      '--{{$boundary 1}}',
      'Content-Type: multipart/alternative; boundary={{$boundary 2}}',
      '',
      '--{{$boundary 2}}',
      'text',
      '--{{$boundary 2}}--  ',
      '--{{$boundary 1}}--',
    ],
  );
});

test('a line like a delimiter of no declared boundary, and braces, stay as written', () => {
  assert.deepEqual(written('-- ', '--signature', 'x {{y}}', 'Content-Type: text/plain; boundary="a"', '--a {{b}}'), [
    '-- ',
    '--signature',
    'x \\{{y}}',
    'Content-Type: text/plain; boundary="{{$boundary 1}}"',
    '--a \\{{b}}',
  ]);
});

test('Date and Message-ID in the header section, a folded one whole; the same names in the body stay', () => {
  assert.deepEqual(written('Date: Thu, 3 Dec 2026', '  02:00:16 +0000', 'message-id: <1@x>', 'Subject: s', '', 'Date: in the body'), [
    'Date: {{$date}}',
    undefined,
    'message-id: {{$message-id}}',
    'Subject: s',
    '',
    'Date: in the body',
  ]);
});


test("a date-time inside another header field (swaks's default subject, a relay's Received:) becomes {{$date}}; in the body it stays", () => {
  assert.deepEqual(
    written(
      'Subject: test Sun, 06 Dec 2026 04:54:37 +0000',
      'Received: from client.test by mx.test; 6 Dec 2026 04:54:37 -0500 (EST)',
      'X-Seen: mon,06 dec 2026 04:54 GMT and Tue, 7 Dec 2026 01:02:03 +0100 {{x}}',
      'X-Not-A-Date: 06 Dec 2026',
      '',
      'Sent on Sun, 06 Dec 2026 04:54:37 +0000',
    ),
    [
      'Subject: test {{$date}}',
      'Received: from client.test by mx.test; {{$date}}',
      'X-Seen: {{$date}} and {{$date}} \\{{x}}',
      'X-Not-A-Date: 06 Dec 2026',
      '',
      'Sent on Sun, 06 Dec 2026 04:54:37 +0000',
    ],
  );
});

test("a relay's Received field: the ID clause as {{$uuid}} (a queue id), its date as {{$date}}, a folded one line by line", () => {
  assert.deepEqual(
    written(
      'Received: from client.test (localhost [127.0.0.1])',
      '\tby mx.test.local (Postfix) with ESMTP id D3A4C20C156',
      '\tfor <bob@relay.test>; Sun, 6 Dec 2026 06:46:04 +0000 (UTC)',
      'Received: from [127.0.0.1] by mx2.test with esmtp (Exim 4.96) id 1tZ0aB-000123-Ab; Sun, 6 Dec 2026 06:46:05 +0000',
      'X-Note: id 12345 is not a Received field',
      '\tnor is its fold: id 67890',
      'Received: by id.example.test (hidden *) with SMTP',
      '',
      'Received: in the body, id 1',
    ),
    [
      'Received: from client.test (localhost [127.0.0.1])',
      '\tby mx.test.local (Postfix) with ESMTP id {{$uuid}}',
      '\tfor <bob@relay.test>; {{$date}}',
      'Received: from [127.0.0.1] by mx2.test with esmtp (Exim 4.96) id {{$uuid}}; {{$date}}',
      'X-Note: id 12345 is not a Received field',
      '\tnor is its fold: id 67890',
      'Received: by id.example.test (hidden *) with SMTP',
      '',
      'Received: in the body, id 1',
    ],
  );
});
