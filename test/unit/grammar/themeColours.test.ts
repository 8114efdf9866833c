import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL, type IRawTheme } from 'vscode-textmate';
import { loadSmtpGrammar } from './smtpTokenizer';

// The token rules of VS Code's default themes that reach reply codes (extensions/theme-defaults/themes:
// dark_vs.json + dark_plus.json, light_vs.json + light_plus.json).
const DARK_PLUS: IRawTheme = {
  settings: [
    { settings: { foreground: '#D4D4D4', background: '#1E1E1E' } },
    { scope: 'constant.numeric', settings: { foreground: '#b5cea8' } },
    { scope: 'markup.italic', settings: { fontStyle: 'italic' } },
    { scope: 'markup.inserted', settings: { foreground: '#b5cea8' } },
    { scope: 'markup.deleted', settings: { foreground: '#ce9178' } },
    { scope: 'markup.changed', settings: { foreground: '#569cd6' } },
  ],
};
const LIGHT_PLUS: IRawTheme = {
  settings: [
    { settings: { foreground: '#000000', background: '#FFFFFF' } },
    { scope: 'constant.numeric', settings: { foreground: '#098658' } },
    { scope: 'markup.italic', settings: { fontStyle: 'italic' } },
    { scope: 'markup.inserted', settings: { foreground: '#098658' } },
    { scope: 'markup.deleted', settings: { foreground: '#a31515' } },
    { scope: 'markup.changed', settings: { foreground: '#0451a5' } },
  ],
};

const ITALIC = 1;

/** Colour and italics of the reply code on `S: <code> text`, as the editor would paint it. */
async function replyCodeStyles(theme: IRawTheme, codes: string[]): Promise<string[]> {
  const { grammar, colorMap } = await loadSmtpGrammar(theme);
  return codes.map((code) => {
    const { tokens } = grammar.tokenizeLine2(`S: ${code} text`, INITIAL);
    const codeIndex = [...tokens].findIndex((value, i) => i % 2 === 0 && value === 3);
    const metadata = tokens[codeIndex + 1];
    const foreground = colorMap[(metadata & 0x00ff8000) >>> 15];
    const fontStyle = (metadata & 0x00007800) >>> 11;
    return `${code} ${foreground}${fontStyle & ITALIC ? ' italic' : ''}`;
  });
}

describe('smtp grammar: reply classes look different in the default themes', () => {
  test('Dark+: 2xx green, 3xx blue, 4xx salmon italic, 5xx salmon', async () => {
    assert.deepEqual(await replyCodeStyles(DARK_PLUS, ['250', '354', '451', '550']), [
      '250 #B5CEA8',
      '354 #569CD6',
      '451 #CE9178 italic',
      '550 #CE9178',
    ]);
  });

  test('Light+: 2xx green, 3xx blue, 4xx red italic, 5xx red', async () => {
    assert.deepEqual(await replyCodeStyles(LIGHT_PLUS, ['250', '354', '451', '550']), [
      '250 #098658',
      '354 #0451A5',
      '451 #A31515 italic',
      '550 #A31515',
    ]);
  });
});
