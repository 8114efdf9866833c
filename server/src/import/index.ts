// Imports from other transcript styles: swaks output, Python smtplib debug output, plain terminal logs.
export { importTranscript } from './importTranscript';
export { detectFormat, type Detection } from './detectFormat';
export { inputLines } from './skippedLines';
export { importFormats, type ImportFormat, type ImportOptions, type ImportProblem, type ImportResult, type ImportSeverity } from './importTypes';
