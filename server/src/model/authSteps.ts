// Which step of which SASL mechanism an AUTH payload is (RFC 4954 §4): the AUTH line's initial response, or the n-th
// answer to a 334. What a payload holds depends on it (LOGIN's first answer is the user name, its second the password).
import { isAuthCommand } from './dialogueEvents';
import type { AuthResponseExchange, CommandExchange, Exchange, Session } from './types';

export interface AuthStep {
  mechanism: string;
  /** 0 for the initial response (or the first answer when there is none), counting on. */
  step: number;
}

/** The step of an AUTH response line: the AUTH command above it and how many responses came between. */
export function authStepOf(session: Session, response: AuthResponseExchange): AuthStep | undefined {
  const at = session.exchanges.indexOf(response);
  let step = 0;
  for (let i = at - 1; i >= 0; i--) {
    const exchange: Exchange = session.exchanges[i];
    if (exchange.kind === 'auth-response') step++;
    else if (isAuthCommand(exchange)) {
      const [mechanism = '', initial] = exchange.command.argument.split(' ');
      return { mechanism: mechanism.toUpperCase(), step: step + (initial ? 1 : 0) };
    } else return undefined;
  }
  return undefined;
}

/** The step of the initial response on an AUTH line (RFC 4954 §4): the mechanism's first. */
export function initialResponseStep(command: CommandExchange): AuthStep {
  return { mechanism: (command.command.argument.split(' ')[0] ?? '').toUpperCase(), step: 0 };
}

/** The step of the AUTH line's initial response or of an AUTH response line. */
export function authStepAt(session: Session, exchange: CommandExchange | AuthResponseExchange): AuthStep | undefined {
  return exchange.kind === 'command' ? initialResponseStep(exchange) : authStepOf(session, exchange);
}
