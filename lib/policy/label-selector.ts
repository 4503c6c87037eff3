import { LabelSelector } from './k8s-types';

/**
 * Whether a label selector selects an object with these labels, as the API server decides it:
 * every matchLabels pair and every matchExpressions requirement must hold. An empty selector
 * selects everything (in the selector's namespace).
 */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[req.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[req.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service's selector (a plain map) as a label selector; undefined for an empty map, which selects no pods. */
export function serviceSelector(selector: Readonly<Record<string, string>> | undefined): LabelSelector | undefined {
  return selector && Object.keys(selector).length > 0 ? { matchLabels: selector } : undefined;
}

/** True when the selector has no terms, so it selects every pod of its namespace. */
export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
