// Every rule id, as a type: the union of the ids in each rules table, so a misspelt id in a check, a test or a
// setting's default is a compile error. Ids that come from users (settings, `--rule`, suppression comments) are
// checked at run time with `isRuleId` (ruleCatalog.ts).
import type { ParseRuleId } from '../../model/parseRuleIds';
import type { AddressRules } from './protocol/addressChecks';
import type { CredentialRules } from './protocol/credentialChecks';
import type { EhloReplyRules } from './protocol/ehloReplyChecks';
import type { EnhancedCodeRules } from './protocol/enhancedCodeChecks';
import type { ExtensionRules } from './protocol/extensionChecks';
import type { PipeliningRules } from './protocol/pipeliningChecks';
import type { StarttlsCredentialRules } from './protocol/starttlsCredentialChecks';
import type { ReplyRules } from './protocol/replyChecks';
import type { SequencingRules } from './protocol/sequencingChecks';
import type { TransactionRules } from './protocol/transactionChecks';
import type { LmtpRules } from './protocol/lmtpChecks';
import type { SuppressionRules } from './suppressions';
import type { AuthHeaderRules } from './syntax/authHeaderRules';
import type { AuthRules } from './syntax/authRules';
import type { EncodingRules } from './syntax/encodingRules';
import type { CommandRules } from './syntax/commandRules';
import type { ContentCharacterRules } from './syntax/contentCharacterRules';
import type { HeaderRules } from './syntax/headerRules';
import type { IncludeRules } from './syntax/includeRules';
import type { MessageRules } from './syntax/messageRules';
import type { MimeRules } from './syntax/mimeRules';
import type { ParameterRules } from './syntax/parameterRules';
import type { PathRules } from './syntax/pathRules';
import type { ReplySyntaxRules } from './syntax/replySyntax';
import type { SettingRules } from './variables/settingRules';
import type { VariableRules } from './variables/variableRules';
import type { ExpansionRules } from './variables/expansionRules';

/** The ids of one rules table (`{ name: rule('id', ...) }`). */
type IdsOf<Table extends Record<string, { readonly id: string }>> = Table[keyof Table]['id'];

export type RuleId =
  | ParseRuleId
  | IdsOf<typeof SuppressionRules>
  | IdsOf<typeof ReplyRules>
  | IdsOf<typeof EnhancedCodeRules>
  | IdsOf<typeof EhloReplyRules>
  | IdsOf<typeof SequencingRules>
  | IdsOf<typeof ExtensionRules>
  | IdsOf<typeof CredentialRules>
  | IdsOf<typeof AddressRules>
  | IdsOf<typeof TransactionRules>
  | IdsOf<typeof LmtpRules>
  | IdsOf<typeof PipeliningRules>
  | IdsOf<typeof StarttlsCredentialRules>
  | IdsOf<typeof VariableRules>
  | IdsOf<typeof SettingRules>
  | IdsOf<typeof ReplySyntaxRules>
  | IdsOf<typeof CommandRules>
  | IdsOf<typeof PathRules>
  | IdsOf<typeof ParameterRules>
  | IdsOf<typeof HeaderRules>
  | IdsOf<typeof MessageRules>
  | IdsOf<typeof ContentCharacterRules>
  | IdsOf<typeof AuthRules>
  | IdsOf<typeof AuthHeaderRules>
  | IdsOf<typeof MimeRules>
  | IdsOf<typeof IncludeRules>
  | IdsOf<typeof EncodingRules>
  | IdsOf<typeof ExpansionRules>;
