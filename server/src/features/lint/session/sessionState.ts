// The SMTP session as the transcript expects it to unfold: each exchange moves it on only when the reply the
// transcript expects says the command succeeded (a rejected command leaves the state as it was).
import type { CommandExchange, Position } from '../../../model/types';
import type { EhloCapabilities } from './ehloCapabilities';

export interface MailTransaction {
  /** Line of the MAIL command that opened it. */
  readonly mailLine: number;
  readonly acceptedRecipients: number;
  /** How the content is being sent: DATA and BDAT must not be mixed (RFC 3030 §2). */
  readonly body: 'none' | 'data' | 'bdat';
  /** The MAIL carries SMTPUTF8 (RFC 6531 §3.4), and where its line ends (a fix adds the parameter there). */
  readonly smtputf8: boolean;
  readonly mailEnd: Position;
}

export type AuthState = 'none' | 'in-progress' | 'authenticated' | 'failed';

export interface SessionState {
  readonly greeted: boolean;
  /** The last successful HELO or EHLO (reset by STARTTLS). */
  readonly hello: 'none' | 'helo' | 'ehlo';
  /** Keywords of the recorded EHLO reply; undefined when there is none to go by. */
  readonly capabilities?: EhloCapabilities;
  /** The client argument of the last EHLO/HELO, reused by quick fixes. */
  readonly helloDomain?: string;
  readonly tls: 'none' | 'starttls' | 'implicit';
  /** After STARTTLS and 220, EHLO must come again (RFC 3207 §4.2); `reported` once a command skipped it. */
  readonly tlsRestart: 'none' | 'awaiting-ehlo' | 'reported';
  readonly auth: AuthState;
  /** A cleartext AUTH before TLS answered 334: the next line sends the credentials, unless it cancels with `*`. */
  readonly cleartextAuth?: CommandExchange;
  readonly transaction?: MailTransaction;
  /** Where the last transaction ended with its message (the `.` line, or BDAT LAST), until a new one may start. */
  readonly transactionEnd?: { readonly line: number; readonly by: 'message' | 'bdat' };
  /** BDAT LAST ended the last transaction; a further BDAT needs a new MAIL (RFC 3030 §2). */
  readonly bdatLastSent: boolean;
  /** The client ended the session (QUIT or `C: <close>`) at this line. */
  readonly ended?: { readonly by: 'QUIT' | '<close>'; readonly line: number; readonly reported?: boolean };
  /** `S: <closed>`: the parser already reports every line after it. */
  readonly serverClosesAtLine?: number;
  /** Pipeline group of the previous client exchange (RFC 2920), and how many exchanges it holds so far. */
  readonly pipelineGroup: number;
  readonly pipelineGroupSize: number;
}

export function initialSessionState(options: { implicitTls: boolean; serverClosesAtLine?: number }): SessionState {
  // Every field is present from the start, so each state has the same shape (and copying one stays cheap).
  return {
    greeted: false,
    hello: 'none',
    capabilities: undefined,
    helloDomain: undefined,
    tls: options.implicitTls ? 'implicit' : 'none',
    tlsRestart: 'none',
    auth: 'none',
    cleartextAuth: undefined,
    transaction: undefined,
    transactionEnd: undefined,
    bdatLastSent: false,
    ended: undefined,
    serverClosesAtLine: options.serverClosesAtLine,
    pipelineGroup: -1,
    pipelineGroupSize: 0,
  };
}
