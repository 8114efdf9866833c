// Which tool's style a text is in, from the markers its lines carry.
import type { ImportFormat } from './importTypes';
import { replyCodeEnd } from '../dialogue/replyLine';
import { isReplyLine } from './plainReader';
import { smtplibLine } from './smtplibReader';
import { swaksReceived, swaksSent } from './swaksReader';
import { curlTraceLine, curlVerboseReceived } from './curlReader';

export type Detection = { format: ImportFormat } | { format?: undefined; reason: string };

export function detectFormat(lines: string[]): Detection {
  let swaks = 0;
  let smtplib = 0;
  let plain = 0;
  let curl = 0;
  let transcript = 0;
  for (const line of lines) {
    // swaks' notes (`=== Trying ...`) and errors (`*** Error connecting ...`) count too: a failed run has only those.
    if (swaksSent.test(line) || replyCodeEnd(swaksReceived.exec(line)?.[1] ?? '', 'wire') === 3 || /^(===|\*\*\*) /.test(line)) swaks++;
    else if (/^(send|reply)$/.test(smtplibLine.exec(line)?.[1] ?? '')) smtplib++;
    // curl -v's `< 250 ok` and `* Connected to ...`, --trace-ascii's block and note lines.
    else if (curlTraceLine.test(line) || replyCodeEnd(curlVerboseReceived.exec(line)?.[1] ?? '', 'wire') === 3 || /^\* (?:Connected to|\s*Trying) /.test(line)) curl++;
    else if (isReplyLine(line)) plain++;
    else if (/^[CS]:/i.test(line)) transcript++;
  }
  if (transcript > 0 && transcript >= swaks + smtplib + plain) {
    return { reason: 'the text already has C:/S: lines: it is a .smtp transcript, there is nothing to import' };
  }
  if (curl > 0 && curl >= swaks && curl >= smtplib) return { format: 'curl' };
  if (smtplib > 0 && smtplib >= swaks) return { format: 'smtplib' };
  if (swaks > 0) return { format: 'swaks' };
  if (plain > 0) return { format: 'plain' };
  return {
    reason:
      'no SMTP session recognized: expected swaks output (" -> " and "<- " lines), Python smtplib debug output ("send:" and "reply:" lines), curl -v or --trace-ascii output ("> " and "< " lines, "=> Send header" blocks) or a terminal log with server replies starting with a three-digit code',
  };
}
