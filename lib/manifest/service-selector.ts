import { LabelSelector } from './label-selector';

export { selects } from './label-selector';

/** A Service's selector (a plain map) as a label selector; undefined for an empty map, which selects no pods. */
export function serviceSelector(selector: Readonly<Record<string, string>> | undefined): LabelSelector | undefined {
  return selector && Object.keys(selector).length > 0 ? { matchLabels: selector } : undefined;
}

/** True when the selector has no terms, so it selects every pod of its namespace. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
