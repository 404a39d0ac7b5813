// The page's stylesheet, inlined. System fonts only (the page must not fetch anything), tabular figures so columns
// of numbers line up, and a layout that fits two charts side by side at 1280 px.
export const CSS = `
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b62c4;
  --warn-bg: #fff8c5; --warn-line: #d4a72c; --bad-bg: #ffebe9; --bad-fg: #b3261e; --ok-fg: #1a7f37;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: #fff; line-height: 1.45; font-size: 15px;
}
* { box-sizing: border-box; }
body { margin: 0; }
main, header.page, nav.toc, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.page { padding-top: 28px; padding-bottom: 8px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 40px 0 6px; padding-top: 12px; border-top: 1px solid var(--line); }
h3 { font-size: 16px; margin: 26px 0 8px; }
h4 { font-size: 14px; margin: 16px 0 6px; }
p { margin: 6px 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.subtitle { color: var(--muted); margin: 0; }
nav.toc { margin-top: 10px; }
nav.toc a { display: inline-block; margin: 0 14px 4px 0; }
.banner { border: 1px solid var(--warn-line); background: var(--warn-bg); padding: 10px 14px; border-radius: 6px; margin: 14px 0; }
.banner.bad { border-color: var(--bad-fg); background: var(--bad-bg); }
.verdict { font-size: 17px; margin: 12px 0 14px; padding: 12px 16px; background: var(--soft); border-left: 4px solid var(--accent); border-radius: 0 6px 6px 0; }
.verdicts { list-style: none; padding: 0; }
.verdicts .verdict { font-size: 15px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 13.5px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.scroll { overflow-x: auto; }
table.compact { font-size: 12px; }
table.compact th, table.compact td { padding: 4px 5px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.kv { width: 100%; }
table.kv th { background: none; width: 200px; font-weight: 600; color: var(--muted); white-space: normal; overflow-wrap: break-word; }
td { overflow-wrap: break-word; }
.ci { color: var(--muted); font-size: 12.5px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 10px; margin-left: 6px; vertical-align: 1px; border: 1px solid transparent; white-space: nowrap; }
.badge.noisy, .badge.skipped, .badge.warn { background: var(--warn-bg); border-color: var(--warn-line); color: #6d4c00; }
.badge.failed, .badge.degraded { background: var(--bad-bg); border-color: var(--bad-fg); color: var(--bad-fg); }
.badge.completed { background: #dafbe1; border-color: #4ac26b; color: var(--ok-fg); }
.badge.reference { background: #ddf4ff; border-color: #54aeff; color: #0550ae; }
.badge.ceiling { margin: 3px 0 0; }
table.ranking th:nth-child(2) { min-width: 12em; }
table.ranking th, table.ranking td { padding: 6px 7px; }
ul.caveats { font-size: 13px; margin: 6px 0 10px; }
table.micro tr.group th { background: none; border-bottom: 2px solid var(--line); padding-top: 14px; font-size: 14px; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 18px; margin: 14px 0; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; min-width: 0; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-size: 12.5px; color: var(--muted); margin-top: 6px; }
figcaption strong { display: block; color: var(--fg); font-size: 14px; margin-bottom: 2px; }
.chart { width: 100%; min-height: 80px; }
.chart-error { color: var(--bad-fg); font-weight: 600; }
.strategy { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; margin: 12px 0; }
.strategy h4 { margin-top: 4px; }
.strategy h4 .mono { font-size: 15px; }
.strategy table.kv { width: 100%; }
.strategy table.kv th { width: 180px; }
details { margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; font-size: 13.5px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 480px; white-space: pre; }
ol.statements { margin: 6px 0; padding-left: 3.2em; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; max-height: 420px; overflow: auto; }
ol.statements li { padding: 3px 8px; border-bottom: 1px solid #eaeef2; }
ol.statements code { white-space: pre-wrap; word-break: break-word; }
.chips code { display: inline-block; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; margin: 0 4px 3px 0; }
.grid2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 28px; }
footer { color: var(--muted); font-size: 12.5px; margin-top: 40px; padding-bottom: 40px; border-top: 1px solid var(--line); padding-top: 12px; }
`;
