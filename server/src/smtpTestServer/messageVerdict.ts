// The scripted server's receiving checks (`smtp-transcript mock --zone FILE`, docs/zone-file.md "The scripted
// server"): each message a client sends is judged for SPF, DKIM, DMARC and ARC with the same code as the local
// server (mailauth/authenticateMessage.ts). The mock always answers with the transcript's own `S:` line; with
// `enforce` the verdict is compared with that line, and a disagreement is a finding:
//   the transcript accepts (2xx) what a strict receiver refuses            -> "... but the transcript accepts it"
//   the transcript refuses with an authentication code (X.7.20-X.7.26,
//   RFC 7372 §3) what a strict receiver accepts, or with another such code -> "... but the transcript refuses it ..."
// Other replies (a 452 for a full mailbox, a 554 5.6.0) say nothing about authentication and are not compared.
import { dotUnstuff } from '../dialogue/framing';
import { helloName } from '../dialogue/helloName';
import { readPathArgument } from '../dialogue/pathArgument';
import { splitReplyLine } from '../dialogue/replyLine';
import { authenticateMessage } from '../mailauth/authenticateMessage';
import { rejectionFor, type AuthRejection } from '../mailauth/enforcement';
import type { DnsResolver } from '../mailauth/zoneResolver';
import { parseEnhancedCode } from '../knowledge/enhancedCodes';

export interface MockAuthentication {
  /** Where DNS answers come from: a zone file's resolver, or real DNS when the user asks for it. */
  resolver: DnsResolver;
  /** Compare each verdict with the transcript's reply to the message (see above). */
  enforce: boolean;
}

/** What the scripted server concluded of one message. */
export interface MessageVerdict {
  /** 0-based line of the transcript's reply to the message (the `S:` line after the final `.` or `BDAT ... LAST`). */
  line: number;
  /** `spf=pass dkim=pass dmarc=pass arc=none` */
  summary: string;
  /** What a strict receiver answers: `550 5.7.26 Unauthenticated email ...`; absent when it accepts. */
  refusal?: string;
  /** Set with `enforce` when the transcript's reply disagrees with the verdict. */
  finding?: string;
}

// RFC 7372 §3: X.7.20 (no passing DKIM) to X.7.26 (multiple authentication checks failed).
const FIRST_AUTH_DETAIL = 20;
const LAST_AUTH_DETAIL = 26;

/** Follows one connection's envelope and content, and judges each message when its reply is due. */
export class MessageJudge {
  private helo = '';
  private mailFrom = '';
  private content: Buffer[] = [];
  private skipped?: string;

  constructor(
    private readonly options: MockAuthentication,
    private readonly ip: string,
  ) {}

  /** A command line as the client sent it: EHLO/HELO names the client, MAIL FROM starts a new message. */
  noteCommand(actual: string): void {
    const hello = helloName(actual);
    if (hello !== undefined) this.helo = hello;
    const from = mailFromPath(actual);
    if (from !== undefined) {
      this.mailFrom = from;
      this.content = [];
    }
  }

  /** DATA content, wire form (dot-stuffed), the lines before the final `.`. */
  addContentLines(lines: readonly string[]): void {
    this.content = [Buffer.from(dotUnstuff(lines.map((l) => `${l}\r\n`).join('')), 'latin1')];
  }

  /** The message is not held whole (`reason` says why): its verdict says so, and no check runs. */
  skipMessage(reason: string): void {
    this.content = [];
    this.skipped = reason;
  }

  /** One BDAT chunk's octets (RFC 3030 §2: no stuffing; the message is the chunks joined). */
  addChunk(octets: Buffer): void {
    this.content.push(octets);
  }

  /** Judges the message collected; `reply`: the lines the transcript answers it with, `line` their place. */
  async judge(reply: readonly string[], line: number): Promise<MessageVerdict> {
    const message = Buffer.concat(this.content);
    this.content = [];
    const skipped = this.skipped;
    this.skipped = undefined;
    if (skipped) return { line, summary: `not judged: ${skipped}` };
    const verdict = await authenticateMessage({ message, ip: this.ip, helo: this.helo, mailFrom: this.mailFrom, resolver: this.options.resolver });
    const rejection = rejectionFor(verdict);
    const result: MessageVerdict = { line, summary: verdict.summary };
    if (rejection) result.refusal = `${rejection.code} ${rejection.enhanced} ${rejection.text}`;
    const finding = this.options.enforce ? disagreement(reply, rejection, verdict.summary) : undefined;
    if (finding) result.finding = finding;
    return result;
  }
}

function disagreement(reply: readonly string[], rejection: AuthRejection | undefined, summary: string): string | undefined {
  const last = splitReplyLine(reply[reply.length - 1] ?? '', 'wire');
  if (!last) return undefined;
  const refusal = rejection && `${rejection.code} ${rejection.enhanced}`;
  if (last.code.startsWith('2')) {
    return rejection ? `the message fails authentication (a strict receiver answers ${refusal} ${rejection.text}) but the transcript accepts it with ${last.code}` : undefined;
  }
  const enhanced = authenticationCode(last.text);
  if (!enhanced) return undefined;
  if (!rejection) return `the message passes authentication (${summary}) but the transcript refuses it with ${last.code} ${enhanced}`;
  if (rejection.enhanced !== enhanced) return `a strict receiver refuses the message with ${refusal} (${rejection.text}), the transcript with ${last.code} ${enhanced}`;
  return undefined;
}

/** The reply text's enhanced code when it is one of RFC 7372's authentication codes. */
function authenticationCode(text: string): string | undefined {
  const word = text.trimStart().split(/\s/, 1)[0];
  const code = parseEnhancedCode(word);
  return code && code.subject === 7 && code.detail >= FIRST_AUTH_DETAIL && code.detail <= LAST_AUTH_DETAIL ? word : undefined;
}

/** The reverse-path's address of a `MAIL FROM:<...>` line (empty for `<>`); undefined for any other line. */
function mailFromPath(line: string): string | undefined {
  const verb = /^MAIL\s+/i.exec(line);
  const path = verb && readPathArgument('MAIL', line.slice(verb[0].length)).path;
  return path?.bracketed && path.closed ? path.inner : undefined;
}
