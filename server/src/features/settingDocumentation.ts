// How a replay setting and a variable's value are shown in completion and hover alike.
import { isSecretName, MASK } from '../model/secrets';
import type { Directive } from '../model/types';
import type { DirectiveSetting } from '../settings/registry';
import { markdown } from './markdown';

/** `**@timeout** = \`DURATION\``, the summary, the values and the default. */
export function settingDocumentation(setting: DirectiveSetting): ReturnType<typeof markdown> {
  return markdown(
    `**@${setting.name}** = \`${setting.docs.valueSyntax}\``,
    setting.docs.summary,
    setting.docs.values ? setting.docs.values.map((v) => `- \`${v.value}\`: ${v.summary}`).join('\n') : undefined,
    `Default: ${setting.defaultText}.`,
  );
}

/** The value as written, or `****` for a secret (docs/transcript-format.md, "Secrets"). */
export function shownValue(definition: Directive): string {
  return isSecretName(definition.name) ? MASK : definition.value.text;
}
