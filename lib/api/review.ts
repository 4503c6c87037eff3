// `golden-path-platform/review`: reading two rendered trees and reviewing what changed between
// them (objects, fields, risks, capacity). Re-exports only.
export { readTree } from '../review/rendered-tree';
export type { RenderedTree, TreeObject } from '../review/rendered-tree';
export { diffTrees } from '../review/diff-trees';
export type { DiffTreesOptions, ObjectDiff, ObjectStatus, TreeDiff } from '../review/diff-trees';
export type { FieldChange } from '../review/field-changes';
export { buildReview } from '../review/review-report';
export type { BuildReviewOptions, CapacityChange, ReviewReport, TreeSide } from '../review/review-report';
export { RISK_FAMILIES } from '../review/risk/risk-flag';
export type { RiskFamily, RiskFlag } from '../review/risk/risk-flag';
export { assessRisks } from '../review/risk/assess-risks';
export { loadBaseTree } from '../review/base-tree';
export type { BaseTree, BaseTreeOptions } from '../review/base-tree';
export { renderWorkingTree } from '../review/working-tree';
export { formatText } from '../review/format-text';
export { COMMENT_MARKER, formatMarkdown } from '../review/format-markdown';
export { formatJson } from '../review/format-json';
export { fleetCapacity } from '../review/fleet-capacity';
export type { EnvironmentCapacityReport } from '../review/fleet-capacity';
export type { Manifest } from '../manifest/manifest';
