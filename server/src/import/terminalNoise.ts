// What telnet, nc and `openssl s_client` print around an SMTP session in a terminal, so the plain importer can
// tell it from the session itself.

/** Lines that open a block of `openssl s_client` handshake or session details. */
const opensslBlockOpener = /^(CONNECTED\(|---$|Post-Handshake New Session Ticket arrived:$|SSL-Session:$)/;

/** Lines that go on with such a block after one of its `---` separators; anything else ends the block. */
const opensslBlockHeading =
  /^(---$|Certificate chain|Server certificate|No client certificate CA names sent|Client certificate CA names sent|Acceptable client certificate CA names|Requested Signature Algorithms|Shared Requested Signature Algorithms|Shared Signature Algorithms|Peer signing digest|Peer signature type|Server Temp Key|SSL handshake has read|New, |Reused, |Post-Handshake New Session Ticket arrived:|SSL-Session:)/;

/**
 * What s_client writes to stderr as it verifies the certificate during its handshake (a terminal shows them wherever
 * they land, often above `CONNECTED(`; with `-quiet` they are all there is of the handshake).
 */
const opensslCertificateCheck = /^(depth=\d+ .*|verify (return|error):.*|Can't use SSL_get_servername|Verification( error)?: .*)$/;

/** Single lines s_client prints between SMTP lines. */
const opensslLine = /^(read R BLOCK|DONE|RENEGOTIATING|KEYUPDATE|[0-9A-Fa-f]+:error:[0-9A-Fa-f]+:.*)$/;

/** A line of s_client's certificate check: an s_client handshake happened there. */
export function isOpensslCertificateCheck(text: string): boolean {
  return opensslCertificateCheck.test(text);
}

/** telnet's own lines; `Connection closed by foreign host.` is the server closing. */
const telnetLine = /^(Connected to \S+\.|Escape character is '.*'\.|telnet> .*|\^\])$/;
export const telnetTrying = /^Trying (\S+?)\.\.\.$/;
export const connectionClosed = /^(Connection closed by foreign host\.|Connection to \S+ closed by foreign host\.|closed)$/;

export interface ToolCommand {
  tool: 'telnet' | 'nc' | 'openssl';
  host?: string;
  port?: number;
  /** `openssl s_client -starttls smtp`: the tool sends EHLO and STARTTLS itself before printing anything. */
  starttls: boolean;
  /** `-name` of s_client: the EHLO argument it sends. */
  ehloName?: string;
}

/** `$ telnet mx.example.com 25`, `nc host 25`, `openssl s_client -connect host:465 [-starttls smtp]`. */
export function readToolCommand(text: string): ToolCommand | undefined {
  const match = /^(?:\S*[$#%>]\s+)?(telnet|nc|ncat|netcat|openssl\s+s_client)\s+(.*)$/.exec(text.trim());
  if (!match) return undefined;
  const words = match[2].split(/\s+/);
  if (match[1].startsWith('openssl')) {
    const option = (name: string): string | undefined => words[words.indexOf(name) + 1];
    const target = /^(\[.*\]|[^:]+):(\d+)$/.exec(words.includes('-connect') ? option('-connect') ?? '' : '');
    return {
      tool: 'openssl',
      host: target?.[1].replace(/^\[(.*)\]$/, '$1'),
      port: target ? Number(target[2]) : undefined,
      starttls: words.includes('-starttls') && /^smtp$/i.test(option('-starttls') ?? ''),
      ehloName: words.includes('-name') ? option('-name') : undefined,
    };
  }
  const [host, port] = words.filter((word) => !word.startsWith('-'));
  return {
    tool: match[1] === 'telnet' ? 'telnet' : 'nc',
    host,
    port: port !== undefined && /^\d+$/.test(port) ? Number(port) : undefined,
    starttls: false,
  };
}

export type NoiseKind = 'openssl-block' | 'line';

/** Follows s_client's blocks across lines; everything else is judged line by line. */
export class TerminalNoise {
  private inBlock = false;
  private afterSeparator = false;

  /** 'openssl-block' for a line opening or inside an s_client block, 'line' for other noise, undefined for text. */
  classify(text: string): NoiseKind | undefined {
    if (this.inBlock && this.afterSeparator && !opensslBlockHeading.test(text)) this.inBlock = false;
    if (this.inBlock || opensslBlockOpener.test(text)) {
      this.inBlock = true;
      this.afterSeparator = text === '---';
      return 'openssl-block';
    }
    if (opensslLine.test(text) || opensslCertificateCheck.test(text) || telnetLine.test(text)) return 'line';
    return undefined;
  }
}
