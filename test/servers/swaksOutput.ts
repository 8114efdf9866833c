// Reads swaks' normal output into the lines that crossed the wire.
// swaks marks each line: ` -> ` sent, `<-  ` received, `<** ` received error reply; `~` instead of `-` once TLS is on
// (` ~> `, `<~  `, `<~* `). `=== ` lines are swaks' own notes, `*** ` its errors.

export type WireEvent = { kind: 'sent'; text: string } | { kind: 'received'; text: string } | { kind: 'closed' };

const sentMarkers = [' -> ', ' ~> '];
const receivedMarkers = ['<-  ', '<~  ', '<** ', '<~* '];

export function parseSwaksOutput(output: string): WireEvent[] {
  const events: WireEvent[] = [];
  for (const line of output.split(/\r?\n/)) {
    const marker = line.slice(0, 4);
    // swaks prints an empty sent line as the bare marker, trailing space possibly trimmed.
    if (sentMarkers.includes(marker) || sentMarkers.includes(`${line} `)) {
      events.push({ kind: 'sent', text: line.slice(4) });
    } else if (receivedMarkers.includes(marker)) {
      events.push({ kind: 'received', text: line.slice(4) });
    } else if (line.startsWith('=== Connection closed with remote host')) {
      events.push({ kind: 'closed' });
    }
  }
  return events;
}
