// The shared readings of a session's parts that lint's checks ask for, kept only while lint checks that session
// (sessionScratch.ts): the features' own memos keep them as long as the parse, for hover, completion and tokens.
import { readPathArgument, type PathArgument } from '../../dialogue/pathArgument';
import { envelopeArgumentsFrom, type EnvelopeArguments } from '../envelopeArguments';
import { collectMessageHeaders, type MessageContent } from '../messageSections';
import type { Command, Session } from '../../model/types';
import { scratchMemo } from './sessionScratch';

/** The MAIL/RCPT command's argument framed (dialogue/pathArgument.ts): read by the path, parameter and message rules. */
export const parsePathArgument: (command: Command) => PathArgument = scratchMemo((command) => readPathArgument(command.verb === 'MAIL' ? 'MAIL' : 'RCPT', command.argument));

/** The same argument with its ranges (`parseEnvelopeArguments`), for the protocol checks. */
export const envelopeArgumentsOf: (command: Command) => EnvelopeArguments = scratchMemo((command) => envelopeArgumentsFrom(command, parsePathArgument(command)));

/** The session's messages, each laid out up to the end of its header section (messageSections.ts `collectMessageHeaders`). */
export const messageHeadersOf: (session: Session) => MessageContent[] = scratchMemo((session) => collectMessageHeaders(session.exchanges));
