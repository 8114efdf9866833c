// What counts as a secret, and how secrets are hidden wherever a value could be shown.
const SECRET_NAME = /pass|secret|token|key/i;

/** Passwords, tokens and keys are masked wherever a value could be shown. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * `@dkim-key = keys/dkim.pem` names the file that holds the key: the path is no secret (refusals name it, a shared
 * environment file may hold it); the PEM is, in the file or written in place.
 */
export function isKeyFilePath(name: string, value: string): boolean {
  return name === 'dkim-key' && !value.includes('-----BEGIN');
}

export const MASK = '****';

/** Replaces every secret in `text` with `****` (longest first, so a secret inside another is masked too). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) masked = masked.split(secret).join(MASK);
  }
  return masked;
}
