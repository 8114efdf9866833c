// The scripted server's markers waiting for what they act on (knowledge/serverFaults.ts): `<delay>`, `<drip>` and
// `<cut>` for the reply below them, `<delay>` also for `<closed>`, `<reset>` or `<silence>`. What they cannot act on
// is reported as misplaced.
import { SERVER_MARKERS } from '../knowledge/serverFaults';
import type { ParseDiagnostic, ServerMarker, Session } from './types';

/** `<delay 2s>`, `<reset>`: a marker as written. */
export function serverMarkerText(marker: ServerMarker): string {
  return marker.argument ? `<${marker.name} ${marker.argument.text}>` : `<${marker.name}>`;
}

/** The `<reset>`, `<silence>` or `<cut>` of a session, if it has one. */
export function scriptedFault(session: Session): ServerMarker | undefined {
  if (session.fault) return session.fault.marker;
  for (const exchange of session.exchanges) {
    const cut = exchange.reply?.markers?.find((m) => m.name === 'cut');
    if (cut) return cut;
  }
  return undefined;
}

export function reportMisplacedMarker(problems: ParseDiagnostic[], marker: ServerMarker, why: string): void {
  problems.push({ range: marker.range, severity: 'error', code: 'server-marker-misplaced', message: `\`${serverMarkerText(marker)}\` is misplaced: ${why}.` });
}

export class PendingMarkers {
  private markers: ServerMarker[] = [];

  constructor(private readonly problems: ParseDiagnostic[]) {}

  waiting(): boolean {
    return this.markers.length > 0;
  }

  add(marker: ServerMarker): void {
    this.markers.push(marker);
  }

  /** The markers for the reply just completed; undefined when there are none. */
  takeForReply(): ServerMarker[] | undefined {
    if (this.markers.length === 0) return undefined;
    const markers = this.markers;
    this.markers = [];
    return markers;
  }

  /** The `<delay>` markers above an ending (`ending` as written); a `<drip>` or `<cut>` there has no reply to act on. */
  takeBeforeEnding(ending: string): ServerMarker[] {
    const markers = this.markers;
    this.markers = [];
    for (const marker of markers) {
      if (SERVER_MARKERS[marker.name].placement === 'reply') reportMisplacedMarker(this.problems, marker, `it acts on a reply, and \`${ending}\` follows it`);
    }
    return markers.filter((m) => SERVER_MARKERS[m.name].placement !== 'reply');
  }

  /** Something other than a reply or an ending follows (`what`): every waiting marker is misplaced. */
  drop(what: string): void {
    if (this.markers.length === 0) return; // asked on every `C:` line: no new list when nothing waits
    for (const marker of this.markers) {
      const target = SERVER_MARKERS[marker.name].placement === 'reply' ? 'the reply' : 'the reply, `<closed>`, `<reset>` or `<silence>`';
      reportMisplacedMarker(this.problems, marker, `it acts on ${target} written right below it, and ${what}`);
    }
    this.markers = [];
  }
}
