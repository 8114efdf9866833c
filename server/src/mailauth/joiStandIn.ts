// Stands in for joi inside the mailauth vendor bundle (esbuild.mjs), where the one schema left is mailauth/lib/tools.js's
// `Joi.string().base64({ paddingRequired: false })`, which checks a DKIM key record's `p=` (RFC 6376 §3.6.1). The
// whole of joi (with the @hapi modules behind it) was a third of the bundle for that one rule. This is the rule as
// joi 18 applies it: undefined passes (joi's values are optional), else a string, not empty, matching joi's own
// pattern for base64 with padding optional (not URL-safe).
// test/unit/mailauth/joiStandIn.test.ts compares it with joi itself. Any other use fails at once, saying so.

const BASE64_PADDING_OPTIONAL = /^(?:[A-Za-z0-9+/]{2}[A-Za-z0-9+/]{2})*(?:[A-Za-z0-9+/]{2}(==)?|[A-Za-z0-9+/]{3}=?)?$/;

interface Validation {
  value: unknown;
  error?: Error;
}

const notInThisBuild = (what: string): Error => new Error(`joi's ${what} is not part of this build: only string().base64({ paddingRequired: false }) is`);

function base64(options: { paddingRequired?: boolean; urlSafe?: boolean } = {}): { validate(value: unknown): Validation } {
  if (options.paddingRequired !== false || options.urlSafe === true) throw notInThisBuild('base64 with these options');
  return {
    validate(value) {
      if (value === undefined) return { value };
      if (typeof value !== 'string') return { value, error: new Error('"value" must be a string') };
      if (value === '') return { value, error: new Error('"value" is not allowed to be empty') };
      return BASE64_PADDING_OPTIONAL.test(value) ? { value } : { value, error: new Error('"value" must be a valid base64 string') };
    },
  };
}

export function string(): { base64: typeof base64; domain(): never; uri(): never } {
  return {
    base64,
    domain: () => {
      throw notInThisBuild('string().domain()');
    },
    uri: () => {
      throw notInThisBuild('string().uri()');
    },
  };
}
