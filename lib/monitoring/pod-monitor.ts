import { Construct } from 'constructs';
import { PodMonitor } from '../../imports/podmonitor-monitoring.coreos.com';
import { LABEL } from '../internal/labels';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

export { PodMonitor } from '../../imports/podmonitor-monitoring.coreos.com';

/**
 * Scrapes a worker's pods (workers have no Service) on their 'metrics' port. `job` is the app's
 * name (from `app.kubernetes.io/name`), as for web services, so rules select both alike.
 */
export function appPodMonitor(scope: Construct, app: ResolvedApp): PodMonitor | undefined {
  const monitoring = app.monitoring;
  if (!monitoring || monitoring.scrape.kind !== 'PodMonitor') return undefined;
  const { scrape } = monitoring;
  const metadata = appMetadata(app);
  return new PodMonitor(scope, 'pod-monitor', {
    metadata: { ...metadata, labels: { ...metadata.labels, ...monitoring.monitorLabels } },
    spec: {
      jobLabel: LABEL.name,
      namespaceSelector: { matchNames: [app.namespace] },
      selector: { matchLabels: { ...app.selector } },
      podMetricsEndpoints: [{ port: scrape.port, path: scrape.path, interval: scrape.interval }],
    },
  });
}
