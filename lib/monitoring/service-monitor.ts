import { Construct } from 'constructs';
import { ServiceMonitor, ServiceMonitorSpecEndpointsTargetPort } from '../../imports/servicemonitor-monitoring.coreos.com';
import { LABEL } from '../internal/labels';
import { appMetadata } from '../internal/metadata';
import { ResolvedApp } from '../model/resolved-app';

export { ServiceMonitor } from '../../imports/servicemonitor-monitoring.coreos.com';

/**
 * Scrapes a web service's pods on their 'metrics' port. The ServiceMonitor finds the pods through
 * the app's Service, but by default scrapes the container port directly (`targetPort`), so the
 * metrics port is not exposed to the Service's clients; with `metricsOnService` it goes through
 * a Service port of that name instead. `job` is the app's name (from `app.kubernetes.io/name`),
 * which the SLO rules select on.
 */
export function appServiceMonitor(scope: Construct, app: ResolvedApp): ServiceMonitor | undefined {
  const monitoring = app.monitoring;
  if (!monitoring || monitoring.scrape.kind !== 'ServiceMonitor') return undefined;
  const { scrape } = monitoring;
  const metadata = appMetadata(app);
  return new ServiceMonitor(scope, 'service-monitor', {
    metadata: { ...metadata, labels: { ...metadata.labels, ...monitoring.monitorLabels } },
    spec: {
      jobLabel: LABEL.name,
      namespaceSelector: { matchNames: [app.namespace] },
      selector: { matchLabels: { ...app.selector } },
      endpoints: [
        {
          ...(scrape.throughService ? { port: scrape.port } : { targetPort: ServiceMonitorSpecEndpointsTargetPort.fromString(scrape.port) }),
          path: scrape.path,
          interval: scrape.interval,
        },
      ],
    },
  });
}
