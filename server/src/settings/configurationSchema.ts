// package.json's `contributes.configuration` and `restrictedConfigurations` as the registry says they are; a unit
// test (test/unit/settings/packageConfiguration.test.ts) keeps package.json equal to these.
import { editorSettings } from './registry';

export interface ConfigurationContribution {
  readonly title: string;
  readonly properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export function configurationContribution(): ConfigurationContribution {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const spec of editorSettings()) {
    const { schema, description } = spec.editor;
    const property: Record<string, unknown> = { type: schema.type };
    if (schema.enumFromValues) property.enum = (spec.docs.values ?? []).map((v) => v.value);
    property.default = spec.editor.default;
    if (schema.enumFromValues) property.enumDescriptions = (spec.docs.values ?? []).map((v) => v.editorDescription ?? v.summary);
    if (schema.pattern !== undefined) property.pattern = schema.pattern;
    if (schema.minimum !== undefined) property.minimum = schema.minimum;
    if (schema.maximum !== undefined) property.maximum = schema.maximum;
    if (schema.items !== undefined) property.items = schema.items;
    if (schema.additionalProperties !== undefined) property.additionalProperties = schema.additionalProperties;
    property[description.markdown ? 'markdownDescription' : 'description'] = description.text;
    if (spec.editor.perDocument) property.scope = 'resource';
    properties[spec.editor.key] = property;
  }
  return { title: 'SMTP Transcripts', properties };
}

/** Settings an untrusted workspace must not set: they change what replay trusts or where the test server writes. */
export function restrictedConfigurations(): string[] {
  return editorSettings()
    .filter((spec) => spec.editor.restricted)
    .map((spec) => spec.editor.key);
}
