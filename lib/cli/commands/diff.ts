import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../internal/errors';
import { loadEnvironments, projectPaths } from '../../pipeline/project';
import { loadBaseTree } from '../../review/base-tree';
import { formatJson } from '../../review/format-json';
import { formatMarkdown } from '../../review/format-markdown';
import { formatText } from '../../review/format-text';
import { readTree } from '../../review/rendered-tree';
import { buildReview, ReviewReport } from '../../review/review-report';
import { renderWorkingTree } from '../../review/working-tree';
import { EXIT } from '../exit-codes';
import { Io } from '../io';

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffOptions {
  /** Repository root. */
  readonly root: string;
  /** Git ref to compare the working tree with. @default - the merge-base of HEAD and main */
  readonly base?: string;
  /** Two rendered folders to compare (before, after) instead of a ref and the working tree. @default - none */
  readonly folders?: readonly string[];
  /** @default 'text' */
  readonly format?: string;
  /** Render the base from its sources even when its dist/ is committed. @default false */
  readonly renderBase?: boolean;
}

/**
 * `platform diff [--base <ref>] | <before-dir> <after-dir>`: what a change does to every
 * environment, object by object and field by field, with its risks. The head side is the working
 * tree rendered now (not its committed dist/, which the branch may not have re-synthesized).
 */
export function diffCommand(options: DiffOptions, io: Io): number {
  const format = (options.format ?? 'text') as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) {
    throw new UsageError('E_USAGE', `--format '${options.format}' is not a format (known: ${DIFF_FORMATS.join(', ')})`);
  }
  const report = options.folders && options.folders.length > 0 ? compareFolders(options) : compareWithBase(options);
  io.out(format === 'json' ? formatJson(report) : format === 'markdown' ? formatMarkdown(report) : formatText(report));
  return EXIT.ok;
}

function compareFolders(options: DiffOptions): ReviewReport {
  const folders = options.folders ?? [];
  if (folders.length !== 2)
    throw new UsageError(
      'E_USAGE',
      `diff takes two folders (before and after), got ${folders.length}. Fix: platform diff <before-dir> <after-dir>, or --base <ref>`,
    );
  if (options.base !== undefined || options.renderBase)
    throw new UsageError('E_USAGE', 'diff takes either two folders or --base <ref> (with --render-base), not both');
  const [before, after] = folders.map((f) => resolve(f));
  const paths = projectPaths(resolve(options.root));
  // The environments' order, when run in a platform repository; alphabetical otherwise.
  const order = existsSync(paths.environmentsFile) ? loadEnvironments(paths).map((e) => e.name) : [];
  return buildReview(readTree(before), readTree(after), {
    base: { label: folders[0], how: 'folder' },
    head: { label: folders[1], how: 'folder' },
    environmentOrder: order,
  });
}

function compareWithBase(options: DiffOptions): ReviewReport {
  const root = resolve(options.root);
  const base = loadBaseTree({ root, ref: options.base, render: options.renderBase });
  const head = renderWorkingTree(root);
  return buildReview(base.tree, head.tree, {
    base: base.side,
    head: { label: 'working tree', how: 'rendered from the sources' },
    notes: base.notes,
    environmentOrder: head.environments,
  });
}
