// A `$/cancelRequest` whose params name no request id (a number or a string, JSON-RPC 2.0 §4): the library reads
// `params.id` unchecked as the message arrives, outside any handler's try, and the TypeError ended the server, on every
// transport. Each transport's reader (stdioConnection.ts, transportConnection.ts, browserMain.ts) drops such a cancel
// and says so; any other malformed notification reaches its handler, whose error the library catches and logs.
import type { Message, MessageReader } from 'vscode-languageserver';
import { isJsonObject } from '../model/jsonObject';

/** `reader` with each `$/cancelRequest` that names no request id dropped, and `say` told. */
export function withoutUnreadableCancels(reader: MessageReader, say: (text: string) => void): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((message) => {
        if (!isUnreadableCancel(message)) callback(message);
        else say('dropped a $/cancelRequest that names no request id');
      }),
    dispose: () => reader.dispose(),
  };
}

function isUnreadableCancel(message: Message): boolean {
  const { method, params } = (isJsonObject(message) ? message : {}) as { method?: unknown; params?: unknown };
  if (method !== '$/cancelRequest') return false;
  const id = isJsonObject(params) ? params.id : undefined;
  return typeof id !== 'number' && typeof id !== 'string';
}
