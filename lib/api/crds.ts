// The generated classes of the pinned CRDs (imports/, from `cdk8s import`) that an app's
// `customize(stack, ctx)` may add to its stack, e.g. `new crds.ScaledObject(stack, 'scaler', {...})`
// for KEDA. Their objects are checked like every other: each kind here has a schema. Each class is
// loaded when first used (`lazyClass`): an app file that imports them loads neither cdk8s nor the
// CRD imports until its `customize` runs.
import type * as keda from '../../imports/scaledobject-keda.sh';
import type * as podMonitor from '../../imports/podmonitor-monitoring.coreos.com';
import type * as serviceMonitor from '../../imports/servicemonitor-monitoring.coreos.com';
import type * as prometheusRule from '../../imports/prometheusrule-monitoring.coreos.com';
import { lazyClass } from '../internal/lazy-class';

/* eslint-disable @typescript-eslint/no-require-imports */
export const ScaledObject = lazyClass(() => (require('../../imports/scaledobject-keda.sh') as typeof keda).ScaledObject);
export type ScaledObject = keda.ScaledObject;
export type { ScaledObjectProps, ScaledObjectSpec, ScaledObjectSpecTriggers } from '../../imports/scaledobject-keda.sh';
export const PodMonitor = lazyClass(() => (require('../../imports/podmonitor-monitoring.coreos.com') as typeof podMonitor).PodMonitor);
export type PodMonitor = podMonitor.PodMonitor;
export type { PodMonitorProps, PodMonitorSpec } from '../../imports/podmonitor-monitoring.coreos.com';
export const ServiceMonitor = lazyClass(() => (require('../../imports/servicemonitor-monitoring.coreos.com') as typeof serviceMonitor).ServiceMonitor);
export type ServiceMonitor = serviceMonitor.ServiceMonitor;
export type { ServiceMonitorProps, ServiceMonitorSpec } from '../../imports/servicemonitor-monitoring.coreos.com';
export const PrometheusRule = lazyClass(() => (require('../../imports/prometheusrule-monitoring.coreos.com') as typeof prometheusRule).PrometheusRule);
export type PrometheusRule = prometheusRule.PrometheusRule;
export type { PrometheusRuleProps, PrometheusRuleSpec } from '../../imports/prometheusrule-monitoring.coreos.com';
/* eslint-enable @typescript-eslint/no-require-imports */
