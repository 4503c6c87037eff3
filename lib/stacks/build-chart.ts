import { App, Chart } from 'cdk8s';
import { AppKind } from '../model/app-definition';
import { ResolvedApp } from '../model/resolved-app';
import { AppStack, AppStackProps } from './app-stack';
import { BatchJob } from './batch-job';
import { ScheduledTask } from './scheduled-task';
import { StatefulService } from './stateful-service';
import { WebService } from './web-service';
import { Worker } from './worker';

const STACKS: Record<AppKind, new (scope: Chart, id: string, props: AppStackProps) => AppStack> = {
  'web-service': WebService,
  worker: Worker,
  'scheduled-task': ScheduledTask,
  'stateful-service': StatefulService,
  'batch-job': BatchJob,
};

export interface BuiltApp {
  readonly chart: Chart;
  readonly stack: AppStack;
}

/**
 * One Chart per app and environment, each in an App of its own: cdk8s validates and resolves the
 * whole App on every chart's synth, so a shared App would make the fleet's synth quadratic.
 */
export function buildChart(app: ResolvedApp): BuiltApp {
  const cdk8sApp = new App({ recordConstructMetadata: false });
  const chart = new Chart(cdk8sApp, `${app.environment}-${app.name}`, { namespace: app.namespace, disableResourceNameHashes: true });
  const stack = new STACKS[app.kind](chart, app.name, { app });
  return { chart, stack };
}
