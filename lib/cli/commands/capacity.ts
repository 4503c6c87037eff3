import { fleetInput, loadProject } from '../../pipeline/load-project';
import { renderFleet } from '../../pipeline/render-fleet';
import { fleetCapacity } from '../../review/fleet-capacity';
import { formatCapacityJson, formatCapacityText } from '../../review/format-capacity';
import { EXIT } from '../exit-codes';
import { Io } from '../io';

export interface CapacityOptions {
  /** Repository root. */
  readonly root: string;
  /** Machine-readable output. @default false */
  readonly json?: boolean;
}

/**
 * `platform capacity`: per environment and team, the CPU and memory requests and limits times
 * replicas (min..max where autoscaled), and the environment's total, from the sources as they are.
 */
export function capacityCommand(options: CapacityOptions, io: Io): number {
  const project = loadProject(options.root);
  const rendered = renderFleet(fleetInput(project));
  const report = fleetCapacity(
    project.environments.map((env) => ({ name: env.name, manifests: rendered.filter((r) => r.app.environment === env.name).flatMap((r) => r.manifests) })),
  );
  io.out(options.json ? formatCapacityJson(report) : formatCapacityText(report));
  return EXIT.ok;
}
