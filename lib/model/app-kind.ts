/**
 * The kinds of workload the golden path knows. Its own module because both the definitions and
 * the resolved apps name it, and an escape hatch's context (a resolved app) sits in the definition.
 */
export type AppKind = 'web-service' | 'worker' | 'scheduled-task' | 'stateful-service' | 'batch-job';
