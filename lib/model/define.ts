import {
  BatchJobDefinition,
  BatchJobProps,
  ScheduledTaskDefinition,
  ScheduledTaskProps,
  StatefulServiceDefinition,
  StatefulServiceProps,
  WebServiceDefinition,
  WebServiceProps,
  WorkerDefinition,
  WorkerProps,
} from './app-definition';
import { DataStoreDefinition, DataStoreProps } from './data-store-definition';
import { Environment } from './environment';

/** Factories that tag a definition with its kind; `E` types the names of per-environment overrides.
 * Function properties rather than methods: apps/platform.ts destructures them. */
export interface AppFactories<E extends string> {
  readonly webService: (props: WebServiceProps<E>) => WebServiceDefinition;
  readonly worker: (props: WorkerProps<E>) => WorkerDefinition;
  readonly scheduledTask: (props: ScheduledTaskProps<E>) => ScheduledTaskDefinition;
  readonly statefulService: (props: StatefulServiceProps<E>) => StatefulServiceDefinition;
  /** A shared database or cache, depended on by apps of any team. */
  readonly dataStore: (props: DataStoreProps<E>) => DataStoreDefinition;
  readonly batchJob: (props: BatchJobProps<E>) => BatchJobDefinition;
}

/**
 * The factories product teams use, bound to the platform's environments so that an override
 * for an environment that does not exist (`environments: { prd: ... }`) is a compile error.
 */
export function goldenPath<const T extends readonly Environment[]>(environments: T): AppFactories<T[number]['name']> {
  void environments; // only its type matters here; resolution checks names again at run time
  return {
    webService: (props) => ({ ...props, kind: 'web-service' }),
    worker: (props) => ({ ...props, kind: 'worker' }),
    scheduledTask: (props) => ({ ...props, kind: 'scheduled-task' }),
    statefulService: (props) => ({ ...props, kind: 'stateful-service' }),
    dataStore: (props) => ({ ...props, kind: 'data-store' }),
    batchJob: (props) => ({ ...props, kind: 'batch-job' }),
  };
}
