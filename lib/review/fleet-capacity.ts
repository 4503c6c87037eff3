import { Manifest } from '../manifest/manifest';
import { capacityByTeam, CapacityTotals, totalCapacity } from './capacity-totals';
import { workloadCapacities } from './workload-capacity';

/** One environment's capacity: per team, and the whole environment. */
export interface EnvironmentCapacityReport {
  readonly environment: string;
  readonly teams: readonly { readonly team: string; readonly totals: CapacityTotals }[];
  readonly total: CapacityTotals;
  readonly notes: readonly string[];
}

/** Requests and limits times replicas per environment and team, from each environment's objects. */
export function fleetCapacity(environments: readonly { readonly name: string; readonly manifests: readonly Manifest[] }[]): EnvironmentCapacityReport[] {
  return environments.map(({ name, manifests }) => {
    const { workloads, notes } = workloadCapacities(manifests);
    const teams = [...capacityByTeam(workloads)].map(([team, totals]) => ({ team, totals }));
    return { environment: name, teams, total: totalCapacity(workloads), notes };
  });
}
