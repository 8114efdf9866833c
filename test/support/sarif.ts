// SARIF 2.1.0 as a reader takes it, for the tests of `lint --format sarif`: the shape the specification requires of
// what we write (checked by hand: no schema and validator are at hand offline), and fixes applied as a reader
// applies them.
const LEVELS = ['none', 'note', 'warning', 'error'];
const URI_REFERENCE = /^([A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

/**
 * What the SARIF 2.1.0 specification (OASIS, sections 3.13 to 3.30, 3.49, 3.55 to 3.57) requires of the objects we
 * write, checked by hand (no schema is fetched): the log's version and runs, a run's tool.driver.name, each rule's id
 * and helpUri (an absolute URI), a result's message (text or id), its level among the four, its ruleIndex pointing at
 * its ruleId, each physical location's artifactLocation (uri a URI reference: no space, `%` only as an escape), a
 * region's lines and columns from 1, and each fix's artifact changes, each with its replacements' deleted regions.
 */
export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const object = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const sarif = object(log);
  if (sarif.version !== '2.1.0') problems.push('version is not "2.1.0"');
  if (!Array.isArray(sarif.runs)) problems.push('runs is not an array');
  list(sarif.runs).forEach((runValue, r) => {
    const run = object(runValue);
    const driver = object(object(run.tool).driver);
    if (typeof driver.name !== 'string') problems.push(`runs[${r}].tool.driver.name is not a string`);
    const rules = list(driver.rules).map(object);
    rules.forEach((rule, i) => {
      if (typeof rule.id !== 'string') problems.push(`runs[${r}].tool.driver.rules[${i}].id is not a string`);
      if (rule.shortDescription !== undefined && typeof object(rule.shortDescription).text !== 'string') problems.push(`runs[${r}].tool.driver.rules[${i}].shortDescription.text is not a string`);
      if (rule.helpUri !== undefined && !(typeof rule.helpUri === 'string' && URI_REFERENCE.test(rule.helpUri) && /^[a-z][a-z0-9+.-]*:/i.test(rule.helpUri))) problems.push(`runs[${r}].tool.driver.rules[${i}].helpUri is not an absolute URI`);
      const level = object(rule.defaultConfiguration).level;
      if (level !== undefined && !LEVELS.includes(level as string)) problems.push(`runs[${r}].tool.driver.rules[${i}].defaultConfiguration.level is not one of ${LEVELS.join(', ')}`);
    });
    if (run.columnKind !== undefined && run.columnKind !== 'utf16CodeUnits' && run.columnKind !== 'unicodeCodePoints') problems.push(`runs[${r}].columnKind is not a column kind`);
    list(run.results).forEach((resultValue, i) => {
      const result = object(resultValue);
      const at = `runs[${r}].results[${i}]`;
      if (result.level !== undefined && !LEVELS.includes(result.level as string)) problems.push(`${at}.level is not one of ${LEVELS.join(', ')}`);
      const message = object(result.message);
      if (typeof message.text !== 'string' && typeof message.id !== 'string') problems.push(`${at}.message has neither text nor id`);
      if (result.ruleIndex !== undefined && rules[result.ruleIndex as number]?.id !== result.ruleId) problems.push(`${at}.ruleIndex names a rule whose id is not its ruleId`);
      list(result.locations).forEach((locationValue, l) => {
        const physical = object(object(locationValue).physicalLocation);
        const where = `${at}.locations[${l}].physicalLocation`;
        const artifact = object(physical.artifactLocation);
        if (physical.artifactLocation === undefined && physical.address === undefined) problems.push(`${where} has neither artifactLocation nor address`);
        if (typeof artifact.uri !== 'string' || !URI_REFERENCE.test(artifact.uri)) problems.push(`${where}.artifactLocation.uri is not a URI reference`);
        regionProblems(physical.region, `${where}.region`);
      });
      // §3.55-§3.57: a fix changes one or more artifacts, each by one or more replacements of a region.
      list(result.fixes).forEach((fixValue, f) => {
        const fix = object(fixValue);
        const at = `runs[${r}].results[${i}].fixes[${f}]`;
        if (fix.description !== undefined && typeof object(fix.description).text !== 'string') problems.push(`${at}.description.text is not a string`);
        if (list(fix.artifactChanges).length === 0) problems.push(`${at}.artifactChanges is not a non-empty array`);
        list(fix.artifactChanges).forEach((changeValue, c) => {
          const change = object(changeValue);
          const where = `${at}.artifactChanges[${c}]`;
          const uri = object(change.artifactLocation).uri;
          if (typeof uri !== 'string' || !URI_REFERENCE.test(uri)) problems.push(`${where}.artifactLocation.uri is not a URI reference`);
          if (list(change.replacements).length === 0) problems.push(`${where}.replacements is not a non-empty array`);
          list(change.replacements).forEach((replacementValue, p) => {
            const replacement = object(replacementValue);
            if (replacement.deletedRegion === undefined) problems.push(`${where}.replacements[${p}].deletedRegion is missing`);
            regionProblems(replacement.deletedRegion, `${where}.replacements[${p}].deletedRegion`);
            if (replacement.insertedContent !== undefined && typeof object(replacement.insertedContent).text !== 'string') problems.push(`${where}.replacements[${p}].insertedContent.text is not a string`);
          });
        });
      });
    });
  });
  return problems;

  function regionProblems(value: unknown, where: string): void {
    const region = object(value);
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
      const number = region[key];
      if (number !== undefined && !(Number.isInteger(number) && (number as number) >= 1)) problems.push(`${where}.${key} is not an integer of at least 1`);
    }
  }
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifReplacement {
  deletedRegion: SarifRegion;
  insertedContent?: { text: string };
}

export interface SarifLog {
  runs: Array<{
    results: Array<{ ruleId: string; fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: { uri: string }; replacements: SarifReplacement[] }> }> }>;
  }>;
}

/**
 * `text` with the replacements made as a SARIF consumer makes them: lines and columns from 1, a column counting the
 * UTF-16 code units of its line (the run's columnKind), a line ending at CR LF, CR or LF (§3.30.2), the region's end
 * column the one after it; the last replacement in the text first, so each region is where the log says.
 */
export function applyReplacements(text: string, replacements: SarifReplacement[]): string {
  const lineStarts = [0, ...[...text.matchAll(/\r\n?|\n/g)].map((m) => m.index + m[0].length)];
  const offset = (line: number, column: number) => lineStarts[line - 1] + column - 1;
  const spans = replacements.map(({ deletedRegion: d, insertedContent }) => ({
    start: offset(d.startLine, d.startColumn),
    end: offset(d.endLine, d.endColumn),
    text: insertedContent?.text ?? '',
  }));
  // An insertion where a replacement starts: the replacement is made first, so the insertion lands before its text.
  spans.sort((a, b) => b.start - a.start || (b.end - b.start) - (a.end - a.start));
  return spans.reduce((result, span) => result.slice(0, span.start) + span.text + result.slice(span.end), text);
}
