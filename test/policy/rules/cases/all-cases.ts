import { AVAILABILITY_CASES } from './availability';
import { CORRECTNESS_CASES } from './correctness';
import { HARDENED_CASES } from './hardened';
import { HARDENING_CASES } from './hardening';
import { HEALTH_CASES } from './health';
import { MONITORING_CASES } from './monitoring';
import { NETWORK_CASES } from './network';
import { POD_SECURITY_CASES } from './pod-security';
import { REFERENCE_CASES } from './references';
import { TRUST_BOUNDARY_CASES } from './trust-boundaries';
import { RESOURCE_CASES } from './resources';
import { RuleCase } from './rule-case';

/** Every rule's compliant, violating and waived case (the meta-test and the admission agreement test read them). */
export const CASES: readonly RuleCase[] = [
  ...POD_SECURITY_CASES,
  ...HARDENING_CASES,
  ...NETWORK_CASES,
  ...RESOURCE_CASES,
  ...HEALTH_CASES,
  ...MONITORING_CASES,
  ...AVAILABILITY_CASES,
  ...REFERENCE_CASES,
  ...CORRECTNESS_CASES,
  ...TRUST_BOUNDARY_CASES,
  ...HARDENED_CASES,
];
