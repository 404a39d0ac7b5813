// One comparison, five renderings. Every format is one or more named files' worth of text, so the CLI writes them
// the same way: to --out (github-action-benchmark needs two files, one per direction) or to stdout.
import type { Comparison } from './compare.ts';
import { bencherMetricFormat, githubActionBenchmark } from './render-export.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderTable } from './render-table.ts';

export const COMPARE_FORMATS = ['table', 'md', 'json', 'github-action-benchmark', 'bmf'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

export interface Rendered {
  /** Suffix inserted before the out file's extension ('' for the file itself). */
  suffix: string;
  text: string;
}

const json = (x: unknown): string => JSON.stringify(x, null, 2) + '\n';

export function renderComparison(c: Comparison, format: CompareFormat): Rendered[] {
  switch (format) {
    case 'table':
      return [{ suffix: '', text: renderTable(c) + '\n' }];
    case 'md':
      return [{ suffix: '', text: renderMarkdown(c) }];
    case 'json':
      return [{ suffix: '', text: json(c) }];
    case 'bmf':
      return [{ suffix: '', text: json(bencherMetricFormat(c)) }];
    case 'github-action-benchmark': {
      const g = githubActionBenchmark(c);
      return [
        { suffix: '.bigger-is-better', text: json(g.customBiggerIsBetter) },
        { suffix: '.smaller-is-better', text: json(g.customSmallerIsBetter) },
      ];
    }
  }
}

/** "bench.json" + ".bigger-is-better" → "bench.bigger-is-better.json". */
export function withSuffix(file: string, suffix: string): string {
  if (!suffix) return file;
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return dot > slash + 1 ? `${file.slice(0, dot)}${suffix}${file.slice(dot)}` : `${file}${suffix}`;
}
