// Python smtplib debug output (`smtp.set_debuglevel(1)`, or 2 with timestamps) -> capture events.
//   connect: ('host', 465)            SMTP_SSL only: the TLS socket is made before the plain connect line
//   connect: to ('host', 25) None     a connection
//   send: 'EHLO x\r\n'                what was sent, as a Python literal (bytes for message content)
//   reply: b'250-x\r\n'               one reply line
//   reply: retcode (250); Msg: b'x'   the parsed reply again: skipped, like `data:` and `connect: b'...'`
import type { CaptureEvent, CaptureReading, ImportProblem } from './importTypes';
import { decodePythonLines } from './pythonLiteral';
import { SkippedLines } from './skippedLines';

/** `send: ...`, `reply: ...`: smtplib's own marker, after the optional debuglevel-2 timestamp. */
export const smtplibLine = /^(?:\d{2}:\d{2}:\d{2}\.\d+ )?(send|reply|data|connect|connect fail): (.*)$/;

const address = /^(to )?\(\s*(['"])(.*?)\2\s*,\s*(\d+)\s*\)/;

export function readSmtplib(lines: string[]): CaptureReading {
  const events: CaptureEvent[] = [];
  const problems: ImportProblem[] = [];
  const skipped = new SkippedLines();
  let sslSocket = false;
  lines.forEach((text, line) => {
    const match = smtplibLine.exec(text);
    if (!match) {
      if (text.trim() !== '') skipped.add(line);
      return;
    }
    const [, marker, rest] = match;
    if (marker === 'connect') {
      const target = address.exec(rest);
      if (!target) return; // `connect: b'220 text'` repeats the greeting
      if (!target[1]) {
        sslSocket = true;
        return;
      }
      events.push({ kind: 'connect', line, host: target[3], port: Number(target[4]) });
      if (sslSocket) events.push({ kind: 'tls', line });
      sslSocket = false;
    } else if (marker === 'connect fail') {
      events.push({ kind: 'note', line, text: `smtplib: connect fail: ${rest}` });
    } else if (marker === 'send' || (marker === 'reply' && !rest.startsWith('retcode '))) {
      const value = decodePythonLines(rest);
      if (value === undefined) {
        problems.push({ line: line + 1, severity: 'warning', message: `the ${marker} value is not a Python string literal; skipped` });
        return;
      }
      // One send may carry many lines (the whole message content); a reply line ends with its CRLF.
      if (value.length > 1 && value[value.length - 1].text === '') value.pop();
      for (const part of value) events.push({ kind: marker === 'send' ? 'sent' : 'received', line, text: part.text.replace(/\r$/, '') });
      const latin1 = value.filter((part) => part.latin1).length;
      if (latin1 > 0) {
        problems.push({
          line: line + 1,
          severity: 'warning',
          message: `${latin1 === 1 ? 'a line' : `${latin1} lines`} of this ${marker} ${latin1 === 1 ? 'is' : 'are'} not UTF-8 and ${latin1 === 1 ? 'was' : 'were'} read as Latin-1: a transcript is UTF-8 text, so replay sends ${latin1 === 1 ? 'its' : 'their'} characters as UTF-8, not the captured bytes`,
        });
      }
    }
  });
  const firstSend = events.findIndex((event) => event.kind === 'sent');
  if (firstSend >= 0 && !events.slice(0, firstSend).some((event) => event.kind === 'connect')) {
    problems.push({
      line: events[firstSend].line + 1,
      severity: 'info',
      message: 'smtplib connected before set_debuglevel() was called, so the output does not tell whether the connection used SMTP_SSL; if it did, add @tls = implicit',
    });
  }
  for (const problem of skipped.problems('smtplib debug output')) problems.push(problem);
  return { events, problems };
}
