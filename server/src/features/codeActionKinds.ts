// The kinds of code action the server makes, apart from the features that make them: the language server announces
// them at `initialize`, before it loads the engine.
import { CodeActionKind } from 'vscode-languageserver-types';

/** Every safe fix of the document in one action (lint/fixAll.ts): what `editor.codeActionsOnSave` `source.fixAll` applies. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.smtp`;

/** `codeActionProvider.codeActionKinds`: quick fixes for a finding, and fix-all. */
export const CODE_ACTION_KINDS: readonly string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND];
