// A message's MIME boundaries as an import or a recording writes them: `{{$boundary N}}`, numbered as declared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MimeBoundaries } from '../../../server/src/import/mimeBoundaries';

const written = (...lines: string[]): string[] => {
  const boundaries = new MimeBoundaries();
  return lines.map((line) => boundaries.payload(line));
};

test('quoted and token boundaries, a folded parameter, nested parts: each declared boundary and its delimiter lines', () => {
  assert.deepEqual(
    written(
      'Content-Type: multipart/mixed;',
      ' boundary="outer=_1"',
      '',
      '--outer=_1',
      'Content-Type: multipart/alternative; boundary=inner-2',
      '',
      '--inner-2',
      'text',
      '--inner-2--  ',
      '--outer=_1--',
    ),
    [
      'Content-Type: multipart/mixed;',
      ' boundary="{{$boundary 1}}"',
      '',
      '--{{$boundary 1}}',
      'Content-Type: multipart/alternative; boundary={{$boundary 2}}',
      '',
      '--{{$boundary 2}}',
      'text',
      '--{{$boundary 2}}--  ',
      '--{{$boundary 1}}--',
    ],
  );
});

test('a line like a delimiter of no declared boundary, and braces, stay as written', () => {
  assert.deepEqual(written('-- ', '--signature', 'x {{y}}', 'Content-Type: text/plain; boundary="a"', '--a {{b}}'), [
    '-- ',
    '--signature',
    'x \\{{y}}',
    'Content-Type: text/plain; boundary="{{$boundary 1}}"',
    '--a \\{{b}}',
  ]);
});
