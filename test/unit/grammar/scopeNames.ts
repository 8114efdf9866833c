// The scopes the `.smtp` grammar assigns, named once so the grammar tests read as tables.
export const CLIENT = 'keyword.other.prefix.client.smtp';
export const SERVER = 'keyword.other.prefix.server.smtp';
export const C = `C: => ${CLIENT}`;
export const S = `S: => ${SERVER}`;
export const VERB = 'keyword.control.verb.smtp';

const REPLY = 'constant.numeric.reply-code.smtp';
export const SUCCESS = `${REPLY} markup.inserted.reply-code.success.smtp`;
export const INTERMEDIATE = `${REPLY} markup.changed.reply-code.intermediate.smtp`;
export const TRANSIENT = `${REPLY} markup.italic.reply-code.transient.smtp markup.deleted.reply-code.transient.smtp`;
export const PERMANENT = `${REPLY} markup.deleted.reply-code.permanent.smtp`;
export const UNCLASSED = REPLY;

const ENHANCED = 'constant.numeric.enhanced-status-code.smtp';
export const ENHANCED_SUCCESS = `${ENHANCED} markup.inserted.enhanced-status-code.success.smtp`;
export const ENHANCED_TRANSIENT = `${ENHANCED} markup.italic.enhanced-status-code.transient.smtp markup.deleted.enhanced-status-code.transient.smtp`;
export const ENHANCED_PERMANENT = `${ENHANCED} markup.deleted.enhanced-status-code.permanent.smtp`;
export const ENHANCED_UNCLASSED = ENHANCED;

export const CONTINUATION = 'punctuation.separator.continuation.smtp';
export const WILDCARD = 'constant.character.wildcard.smtp';
export const ESCAPE = 'constant.character.escape.smtp';

export const OPEN = 'punctuation.definition.template-expression.begin.smtp';
export const CLOSE = 'punctuation.definition.template-expression.end.smtp';
export const VARIABLE = 'variable.other.smtp';
export const BUILTIN = 'support.function.builtin.smtp';

export const ADDRESS = 'string.other.address.smtp';
export const ADDRESS_OPEN = `${ADDRESS} punctuation.definition.string.begin.smtp`;
export const ADDRESS_CLOSE = `${ADDRESS} punctuation.definition.string.end.smtp`;

export const MESSAGE = 'meta.message.smtp';
export const CONTENT_C = `C: => ${MESSAGE} ${CLIENT}`;
export const HEADER_NAME = `${MESSAGE} entity.name.tag.header.smtp`;
export const HEADER_COLON = `${MESSAGE} punctuation.separator.key-value.smtp`;
export const HEADER_VALUE = `${MESSAGE} string.unquoted.header-value.smtp`;
export const BODY = `${MESSAGE} markup.raw.message-body.smtp`;
export const END_OF_DATA = '. => keyword.control.end-of-data.smtp';
