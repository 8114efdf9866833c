// Tokenizes `.smtp` text with the engine VS Code itself uses (vscode-textmate on the Oniguruma WASM build) and
// renders each line as `text => scopes` entries, so grammar tests read as inline tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IRawTheme, type StateStack } from 'vscode-textmate';

const repositoryRoot = join(__dirname, '..', '..', '..', '..');
const grammarPath = join(repositoryRoot, 'syntaxes', 'smtp.tmLanguage.json');
const ROOT_SCOPE = 'source.smtp';

let onigurumaLoaded: Promise<void> | undefined;

/** The WASM module can be loaded once per process. */
function loadOniguruma(): Promise<void> {
  onigurumaLoaded ??= oniguruma.loadWASM(readFileSync(join(repositoryRoot, 'node_modules/vscode-oniguruma/release/onig.wasm')));
  return onigurumaLoaded;
}

export interface LoadedGrammar {
  grammar: IGrammar;
  /** Colour ids in token metadata index this map (only meaningful with a theme). */
  colorMap: string[];
}

export async function loadSmtpGrammar(theme?: IRawTheme): Promise<LoadedGrammar> {
  await loadOniguruma();
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === ROOT_SCOPE ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    theme,
  });
  const grammar = await registry.loadGrammar(ROOT_SCOPE);
  if (!grammar) throw new Error(`could not load ${grammarPath}`);
  return { grammar, colorMap: registry.getColorMap() };
}

let plainGrammar: Promise<LoadedGrammar> | undefined;

/**
 * One entry per line; each line is a list of `text => scope scope ...` (the root scope left out), or just `text` for
 * unscoped text. Neighbouring tokens with the same scopes are merged, text is shown trimmed, and tokens of white
 * space only are left out (no theme colours them).
 */
export async function renderTokens(text: string): Promise<string[][]> {
  plainGrammar ??= loadSmtpGrammar();
  const { grammar } = await plainGrammar;
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const merged: { text: string; scopes: string }[] = [];
    for (const token of result.tokens) {
      const scopes = token.scopes.filter((scope) => scope !== ROOT_SCOPE).join(' ');
      const piece = line.slice(token.startIndex, token.endIndex);
      const last = merged[merged.length - 1];
      if (last && last.scopes === scopes) last.text += piece;
      else merged.push({ text: piece, scopes });
    }
    return merged
      .filter((token) => token.text.trim() !== '')
      .map(({ text: piece, scopes }) => (scopes === '' ? piece.trim() : `${piece.trim()} => ${scopes}`));
  });
}
