import { Manifest } from '../manifest/manifest';
import { namespaceOf } from '../manifest/environment-objects';

interface NamespaceSelector {
  readonly any?: boolean;
  readonly matchNames?: readonly string[];
}

/** The namespaces a ServiceMonitor or PodMonitor looks in: its own unless namespaceSelector says otherwise; undefined for any. */
export function monitoredNamespaces(monitor: Manifest): readonly string[] | undefined {
  const selector = (monitor as { spec?: { namespaceSelector?: NamespaceSelector } }).spec?.namespaceSelector;
  if (selector?.any) return undefined;
  return selector?.matchNames && selector.matchNames.length > 0 ? selector.matchNames : [namespaceOf(monitor)];
}
