// The LSP 3.17 server lifecycle, kept ahead of every handler (the library answers a registered request at any time):
// before `initialize` a request is refused with ServerNotInitialized and a notification other than `exit` dropped; a
// second `initialize` and any request after `shutdown` are refused with InvalidRequest, and notifications other than
// `exit` dropped.
import { ResponseError, type Connection, type ConnectionOptions, type Message } from 'vscode-languageserver';

// JSON-RPC's and LSP's error codes, written here: the values come with the library's whole protocol module.
const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;

/** A refused request goes on under this method, so that the library answers it under its own id with the error. */
const REFUSED_METHOD = 'smtp/refusedRequest';

type Phase = 'starting' | 'running' | 'shutDown';

interface Incoming extends Message {
  id?: number | string | null;
  method?: string;
}

export interface Lifecycle {
  /** For `createConnection`: each incoming message passes the lifecycle before the library dispatches it. */
  options: ConnectionOptions;
  /** Answers the requests `options` refused; call once on the connection made with them. */
  attach(connection: Connection): void;
  /** `shutdown` was received: the process ends with 0, not 1. */
  readonly shutDown: boolean;
}

export function createLifecycle(): Lifecycle {
  let phase: Phase = 'starting';
  let refusalCount = 0;
  const refusals = new Map<number, ResponseError<void>>();

  const refuse = (message: Incoming, code: number, text: string): Incoming => {
    const key = ++refusalCount;
    refusals.set(key, new ResponseError(code, text));
    return { jsonrpc: '2.0', id: message.id, method: REFUSED_METHOD, params: { key } } as Incoming;
  };

  /** The message to dispatch, or none: a dropped notification. */
  const admit = (message: Incoming): Incoming | undefined => {
    if (message.method === undefined) return message; // a response to one of the server's requests
    const isRequest = message.id !== undefined;
    if (!isRequest) return message.method === 'exit' || phase === 'running' ? message : undefined;
    if (message.method === 'initialize') {
      if (phase !== 'starting') return refuse(message, INVALID_REQUEST, 'initialize may only be sent once');
      phase = 'running';
      return message;
    }
    if (phase === 'starting') return refuse(message, SERVER_NOT_INITIALIZED, `${message.method} came before initialize`);
    if (phase === 'shutDown') return refuse(message, INVALID_REQUEST, `${message.method} came after shutdown`);
    if (message.method === 'shutdown') phase = 'shutDown';
    return message;
  };

  return {
    options: {
      messageStrategy: {
        handleMessage: (message, next) => {
          const admitted = admit(message);
          return admitted ? next(admitted) : undefined;
        },
      },
    },
    attach(connection) {
      connection.onRequest(REFUSED_METHOD, (params: { key?: unknown } | undefined) => {
        const key = typeof params?.key === 'number' ? params.key : -1;
        const error = refusals.get(key);
        refusals.delete(key);
        return error ?? new ResponseError(METHOD_NOT_FOUND, `Unhandled method ${REFUSED_METHOD}`);
      });
    },
    get shutDown() {
      return phase === 'shutDown';
    },
  };
}
