import type { Construct } from 'constructs';
import type { AppKind } from './app-kind';
import type { ResolvedApp } from './resolved-app';

/**
 * The stack construct each kind of app builds, by kind. Empty here: lib/stacks fills it in by
 * module augmentation (lib/stacks/stack-of-kind.ts), so `customize` is typed with the real stack
 * while the model stays below the constructs and imports none of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StackOfKind {}

/** The stack of kind `K`, or a plain construct where lib/stacks is not part of the program. */
export type StackFor<K extends AppKind> = K extends keyof StackOfKind ? StackOfKind[K] : Construct;

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

/** The escape hatches of an app of kind `K`. Everything they produce is checked like the rest. */
export interface CustomizeProps<K extends AppKind> {
  /**
   * Changes the built stack in each environment, after the platform built it and before it is
   * synthesized: `stack.deployment.addJsonPatch(JsonPatch.add(...))`, or a construct added to
   * `stack`. `ctx` says which environment it is, so a change may apply in one only.
   * @default - none: the golden path as is
   */
  readonly customize?: (stack: StackFor<K>, ctx: CustomizeContext) => void;
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
export type WebServiceCustomizeProps = CustomizeProps<'web-service'>;
export type WorkerCustomizeProps = CustomizeProps<'worker'>;
export type ScheduledTaskCustomizeProps = CustomizeProps<'scheduled-task'>;
export type StatefulServiceCustomizeProps = CustomizeProps<'stateful-service'>;
export type BatchJobCustomizeProps = CustomizeProps<'batch-job'>;
