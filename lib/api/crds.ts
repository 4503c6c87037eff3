// The generated classes of the pinned CRDs (imports/, from `cdk8s import`) that an app's
// `customize(stack, ctx)` may add to its stack, e.g. `new crds.ScaledObject(stack, 'scaler', {...})`
// for KEDA. Their objects are checked like every other: each kind here has a schema.
export { ScaledObject } from '../../imports/scaledobject-keda.sh';
export type { ScaledObjectProps, ScaledObjectSpec, ScaledObjectSpecTriggers } from '../../imports/scaledobject-keda.sh';
export { PodMonitor } from '../../imports/podmonitor-monitoring.coreos.com';
export type { PodMonitorProps, PodMonitorSpec } from '../../imports/podmonitor-monitoring.coreos.com';
export { ServiceMonitor } from '../../imports/servicemonitor-monitoring.coreos.com';
export type { ServiceMonitorProps, ServiceMonitorSpec } from '../../imports/servicemonitor-monitoring.coreos.com';
export { PrometheusRule } from '../../imports/prometheusrule-monitoring.coreos.com';
export type { PrometheusRuleProps, PrometheusRuleSpec } from '../../imports/prometheusrule-monitoring.coreos.com';
