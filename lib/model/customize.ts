// Type-only imports: the definition names the stack its `customize` receives; nothing of lib/stacks
// is loaded by the model at run time.
import type { AppStack } from '../stacks/app-stack';
import type { ResolvedApp } from './resolved-app';
import type { ScheduledTask } from '../stacks/scheduled-task';
import type { WebService } from '../stacks/web-service';
import type { Worker } from '../stacks/worker';

/** What an escape hatch is told about where it runs. */
export interface CustomizeContext {
  /** The environment being synthesized, e.g. 'prod'. */
  readonly environment: string;
  /** Whether the environment serves production traffic (its own `production`, else its name). */
  readonly production: boolean;
  /**
   * The app as resolved for this environment: its namespace, labels and the environment's
   * monitoring labels (`app.monitoring?.ruleLabels`), for objects that must match them.
   */
  readonly app: ResolvedApp;
}

/**
 * A plain Kubernetes object an app adds beside its stack. The platform fills in the app's
 * namespace (unless one is given), labels and source annotation; the object's own win.
 */
export interface ExtraObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** The escape hatches of an app of stack type `S`. Everything they produce is checked like the rest. */
export interface CustomizeProps<S extends AppStack> {
  /**
   * Changes the built stack in each environment, after the platform built it and before it is
   * synthesized: `stack.deployment.addJsonPatch(JsonPatch.add(...))`, or a construct added to
   * `stack`. `ctx` says which environment it is, so a change may apply in one only.
   * @default - none: the golden path as is
   */
  readonly customize?: (stack: S, ctx: CustomizeContext) => void;
  /**
   * Plain Kubernetes objects to add in each environment (or a function of the environment that
   * returns them), for what the platform has no construct for. Their kind must have a schema.
   * @default - none
   */
  readonly objects?: readonly ExtraObject[] | ((ctx: CustomizeContext) => readonly ExtraObject[]);
}

/** What an escape hatch did to one object, compared with the golden path in the same environment. */
export interface CustomizedObject {
  /** `Kind namespace/name` */
  readonly id: string;
  /** `added` by `customize`, an extra object from `objects`, `changed` fields or `removed` by `customize`. */
  readonly change: 'added' | 'extra' | 'changed' | 'removed';
  /** Paths of the fields that differ, for a changed object, as `platform diff` names them (`spec.template.metadata.annotations.linkerd.io/inject`). */
  readonly fields: readonly string[];
}

/** How far one app in one environment is off the golden path. */
export interface Customization {
  /** Sorted by id. Empty when the escape hatches changed nothing here. */
  readonly objects: readonly CustomizedObject[];
  /** Fields changed plus objects added or removed: 0 is on the golden path. */
  readonly distance: number;
}

/** The escape hatches of each kind, typed by the stack that kind builds. */
export type WebServiceCustomizeProps = CustomizeProps<WebService>;
export type WorkerCustomizeProps = CustomizeProps<Worker>;
export type ScheduledTaskCustomizeProps = CustomizeProps<ScheduledTask>;
