// The forms a captured secret can take in the rest of a capture: as written, base64-encoded on its own (an AUTH
// LOGIN answer, a pasted token), and base64-encoded inside a longer base64 text (an AUTH PLAIN blob, a MIME part).
//
// Base64 turns 3 octets into 4 characters, so inside a longer stream the secret's encoding depends on where it
// starts: octet offset 0, 1 or 2 in a group. For each offset the characters that depend on the secret's octets
// alone are computed; the one or two characters at each end that mix in a neighbour cannot be known and stay.
// Not caught: an encoding broken by a line break (MIME wraps at 76 characters), base64url, quoted-printable, hex or
// percent-encoding, and the secret in another charset (UTF-16).

export interface SecretForm {
  text: string;
  /** What stands for it on `C:`/`S:` lines; undefined: it is masked (`****`), as no reference yields those characters. */
  reference?: string;
  encoded: boolean;
}

/** Shorter encoded fragments are not searched: six base64 characters (36 bits) rarely occur by chance. */
const SHORTEST_FRAGMENT = 6;

export function secretForms(secret: string, variable: string): SecretForm[] {
  const octets = Buffer.from(secret, 'utf8');
  const forms: SecretForm[] = [
    { text: secret, reference: `{{${variable}}}`, encoded: false },
    { text: octets.toString('base64'), reference: `{{$base64 {{${variable}}}}}`, encoded: true },
  ];
  for (const offset of [0, 1, 2]) {
    const stream = Buffer.concat([Buffer.alloc(offset), octets]).toString('base64').replace(/=+$/, '');
    // Character i covers bits 6i..6i+5: it depends on the secret alone when they fall within its octets.
    const fragment = stream.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + octets.length) * 8) / 6));
    if (fragment.length >= SHORTEST_FRAGMENT) forms.push({ text: fragment, encoded: true });
  }
  return forms;
}

/** One pattern for all forms, longest first, so that one replacement never leaves a piece of another form. */
export function secretPattern(forms: SecretForm[]): RegExp {
  const texts = [...new Set(forms.map((form) => form.text))].sort((a, b) => b.length - a.length);
  return new RegExp(texts.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
}
