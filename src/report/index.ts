// The report stage's public API: result files in, one self-contained HTML page out.
export { CSP, renderReport, writeReport, type ReportOptions } from './render.ts';
export { buildFixtureHistory, buildFixtureResult, type FixtureOptions } from './fixture.ts';
