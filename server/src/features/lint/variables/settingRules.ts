// Replay settings: values replay would refuse (checked by the same validator replay uses), `@requires` keywords no
// extension defines, and settings written where replay no longer reads them.
import { isHandshakeVerb } from '../../../knowledge/verbs';
import { checkSettingValue, isDirectiveSetting } from '../../../settings/registry';
import { readPort, unixSocketPath } from '../../../settings/settingValues';
import { socketTlsNeedsName, TLS_SERVERNAME_SETTING } from '../../../settings/replaySettings';
import { verbOpens } from '../../../dialogue/dialogueState';
import { definitionsAt } from '../../../model/variables';
import { DKIM_SETTING_NAMES } from '../../../settings/dkimSettingValues';
import type { Directive, Exchange, Range, Session, Transcript } from '../../../model/types';
import { rule, type Check, type Finding, type RuleGroup, type SessionCheck } from '../rule';
import { payloadRange, verbRange } from '../../../model/lineRanges';
import { exchangeRange, exchangeStartLine } from '../../../model/exchangeRange';

export const SettingRules = {
  settingValue: rule('setting-value', 'error', 'A replay setting replay would refuse: `@port` not 1-65535, `@tls` not none/starttls/implicit, `@timeout` not a duration, `@match` not code/strict, `@server` not host[:port], mx:domain or unix:/path, TLS over a unix: socket without `@tls-servername`, ... (values with `{{...}}` are checked at replay).'),
  requiresUnknownKeyword: rule('requires-unknown-keyword', 'warning', 'An `@requires` keyword no registered extension defines (a typo skips the session on every server); `X` keywords are local and accepted.', { rfc: 5321, section: '4.1.1.1' }),
  settingAfterExchange: rule('setting-after-exchange', 'warning', 'A setting replay reads once, when the session connects (`@server`, `@port`, `@tls`, `@tls-servername`, `@ca`, `@connect-timeout`, `@replay`) or once EHLO is done (`@requires`), written below that point, where it changes nothing.'),
};

// What replay reads when it connects: the settings in force at the session's first exchange.
const READ_AT_CONNECT: ReadonlySet<string> = new Set(['server', 'port', 'tls', 'tls-servername', 'ca', 'connect-timeout', 'replay']);

function valueFindings(directive: Directive): Finding[] {
  const value = directive.value;
  // A `{{...}}` value is known only at replay, which checks it there.
  if (!isDirectiveSetting(directive.name) || value.variables.length > 0) return [];
  return checkSettingValue(directive.name, value.text).map((problem) => {
    const start = value.character;
    const range: Range = {
      start: { line: value.line, character: start + problem.start },
      end: { line: value.line, character: start + problem.end },
    };
    const finding: Finding = {
      ruleId: problem.kind === 'invalid' ? SettingRules.settingValue.id : SettingRules.requiresUnknownKeyword.id,
      range,
      message: `${problem.message}.`.replace(/([.?!])\.$/, '$1'),
    };
    if (problem.replacement !== undefined) finding.fix = { title: `Write ${problem.replacement}`, edits: [{ range, newText: problem.replacement }] };
    return finding;
  });
}

/** Replay checks `@requires` once the session moves past the greeting, EHLO/HELO and STARTTLS. */
function isHandshake(exchange: Exchange): boolean {
  return exchange.kind === 'greeting' || (exchange.kind === 'command' && isHandshakeVerb(exchange.command.verb));
}

function lateSettings(session: Session, lines: readonly string[]): Finding[] {
  const first = session.exchanges[0];
  if (!first) return [];
  const connectLine = exchangeStartLine(first);
  const requirer = session.exchanges.find((exchange) => !isHandshake(exchange));
  const requiresLine = requirer && exchangeStartLine(requirer);
  const findings: Finding[] = [];
  for (const directive of session.directives) {
    const line = directive.range.start.line;
    const readAt = READ_AT_CONNECT.has(directive.name) ? connectLine : directive.name === 'requires' ? requiresLine : undefined;
    if (readAt === undefined || line < readAt) continue;
    const when = directive.name === 'requires' ? 'once EHLO (and STARTTLS) are done' : 'when the session connects';
    findings.push({
      ruleId: SettingRules.settingAfterExchange.id,
      range: directive.range,
      message: `Replay reads \`@${directive.name}\` ${when}, before line ${readAt + 1}: here it changes nothing. Move it above the session's first \`S:\`/\`C:\` line.`,
      fix: {
        title: `Move @${directive.name} above line ${connectLine + 1}`,
        edits: [
          { range: { start: { line: connectLine, character: 0 }, end: { line: connectLine, character: 0 } }, newText: `${lines[line]}\n` },
          { range: wholeLine(lines, line), newText: '' },
        ],
      },
    });
  }
  return findings;
}

function wholeLine(lines: readonly string[], line: number): Range {
  if (line + 1 < lines.length) return { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
  return { start: { line: line - 1, character: lines[line - 1].length }, end: { line, character: lines[line].length } };
}

/** `@server = host:port` and `@port` in force together must agree (replay refuses two different ports). */
function portConflict(server: Directive | undefined, port: Directive | undefined): Finding | undefined {
  if (!server || !port || server.value.variables.length > 0 || port.value.variables.length > 0) return undefined;
  const named = /^(?:\[[^\]]*\]|(?:mx:)?[^:[\]]*):(\d+)$/i.exec(server.value.text)?.[1];
  const other = readPort(port.value.text);
  if (named === undefined || other === undefined || Number(named) === other) return undefined;
  const later = server.range.start.line > port.range.start.line ? server : port;
  return {
    ruleId: SettingRules.settingValue.id,
    range: payloadRange(later.value),
    message: `\`@server = ${server.value.text}\` names port ${named} but \`@port = ${port.value.text}\` another: keep one.`,
  };
}

const isDkimSetting = (d: Directive): boolean => (DKIM_SETTING_NAMES as readonly string[]).includes(d.name) && d.value.text !== '';

const DKIM_REQUIRED = ['dkim-domain', 'dkim-selector', 'dkim-key'] as const;

/**
 * Replay signs a message only with all of `@dkim-domain`, `@dkim-selector` and `@dkim-key` in force, and refuses a
 * message that sees only some of them: said on the first `@dkim-*` line `owns` (a line of the check's own scope).
 */
function dkimIncomplete(visible: Map<string, Directive>, owns: (directive: Directive) => boolean): Finding | undefined {
  const given = DKIM_SETTING_NAMES.map((name) => visible.get(name)).filter((d): d is Directive => d !== undefined && d.value.text !== '');
  const missing = DKIM_REQUIRED.filter((name) => !given.some((d) => d.name === name));
  if (given.length === 0 || missing.length === 0) return undefined;
  const anchor = given.filter(owns).sort((a, b) => a.range.start.line - b.range.start.line)[0];
  if (!anchor) return undefined;
  return {
    ruleId: SettingRules.settingValue.id,
    range: anchor.range,
    message: `DKIM signing needs @dkim-domain, @dkim-selector and @dkim-key: ${missing.map((n) => `@${n}`).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing, so replay refuses to send the message.`,
  };
}

/** What replay sees at each message of the session, DATA or BDAT (it reads the DKIM settings there). */
function dkimFindings(session: Session, transcript: Transcript, owns: (directive: Directive) => boolean): Finding[] {
  // No `@dkim-*` line with a value anywhere: nothing to look up at each message.
  if (!transcript.directives.some(isDkimSetting) && !session.directives.some(isDkimSetting)) return [];
  for (const exchange of session.exchanges) {
    if (exchange.kind !== 'message' && exchange.kind !== 'bdat') continue;
    const finding = dkimIncomplete(definitionsAt(transcript, session, exchangeStartLine(exchange)), owns);
    if (finding) return [finding];
  }
  return [];
}

const namesSocket = (d: Directive): boolean => d.name === 'server' && unixSocketPath(d.value.text) !== undefined;

/**
 * TLS towards `@server = unix:/path` (by `@tls`, or a STARTTLS in the session) with no `@tls-servername`: a certificate
 * names a host, not a path, so replay refuses it (or fails the handshake). Said at the STARTTLS, else at the first line.
 */
function unnamedSocketTls(session: Session, visible: Map<string, Directive>): Finding | undefined {
  const server = visible.get('server');
  if (!server || !namesSocket(server) || visible.has(TLS_SERVERNAME_SETTING.name)) return undefined;
  const starttls = session.exchanges.find((e) => e.kind === 'command' && verbOpens(e.command.verb) === 'tls-handshake');
  const tls = visible.get('tls')?.value.text.trim().toLowerCase();
  if (!starttls && (tls === undefined || tls === 'none')) return undefined;
  const at = starttls?.kind === 'command' ? verbRange(starttls.command) : session.exchanges[0] && exchangeRange(session.exchanges[0]);
  if (!at) return undefined;
  return {
    ruleId: SettingRules.settingValue.id,
    range: at,
    message: `${socketTlsNeedsName(server.value.text)}: a certificate names a host, not a path, so without one replay cannot verify it.`,
  };
}

const checkSession: SessionCheck = (session, transcript) => {
  const findings = session.directives.flatMap(valueFindings);
  for (const added of dkimFindings(session, transcript, (d) => session.directives.includes(d))) findings.push(added);
  for (const added of lateSettings(session, transcript.lines)) findings.push(added);
  const first = session.exchanges[0];
  // Read only where a socket is named: the settings in force are looked up for few sessions.
  if (first && (session.directives.some(namesSocket) || transcript.directives.some(namesSocket))) {
    const unnamed = unnamedSocketTls(session, definitionsAt(transcript, session, exchangeStartLine(first)));
    if (unnamed) findings.push(unnamed);
  }
  if (first && session.directives.length > 0) {
    const visible = definitionsAt(transcript, session, exchangeStartLine(first));
    const server = visible.get('server');
    const port = visible.get('port');
    // A conflict between file-level lines is reported once, by the file-level check.
    const inSession = (d: Directive | undefined) => d !== undefined && session.directives.includes(d);
    const conflict = inSession(server) || inSession(port) ? portConflict(server, port) : undefined;
    if (conflict) findings.push(conflict);
  }
  return findings;
};

const checkFile: Check = (transcript) => {
  const findings = transcript.directives.flatMap(valueFindings);
  const fileLevel = (d: Directive) => transcript.directives.includes(d);
  // Runs on every edit: only a file-level `@dkim-*` line can be reported here, so without one no session is read.
  if (transcript.directives.some(isDkimSetting)) {
    for (const session of transcript.sessions) {
      const dkim = dkimFindings(session, transcript, fileLevel);
      if (dkim.length > 0) {
        for (const added of dkim) findings.push(added);
        break;
      }
    }
  }
  const visible = definitionsAt(transcript, undefined, Infinity);
  const conflict = portConflict(visible.get('server'), visible.get('port'));
  if (conflict) findings.push(conflict);
  return findings;
};

export const settingRules: RuleGroup = {
  rules: Object.values(SettingRules),
  check: (transcript, context) => [...transcript.sessions.flatMap((session) => checkSession(session, transcript, context)), ...checkFile(transcript, context)],
  split: { bySession: checkSession, wholeFile: checkFile },
  // A file-level `@dkim-*` line is judged at the sessions' messages.
  wholeFileReads: (session, transcript) => (transcript.directives.some(isDkimSetting) ? session.exchanges.filter(isMessage) : []),
};

function isMessage(exchange: Exchange): boolean {
  return exchange.kind === 'message' || exchange.kind === 'bdat';
}
