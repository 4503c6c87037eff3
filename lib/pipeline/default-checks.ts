import { FleetCheck } from './synthesize';

/** The checks `platform synth` runs before writing: schema validation and the policy pack. */
export function defaultChecks(): FleetCheck[] {
  return [];
}
