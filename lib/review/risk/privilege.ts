import { canonicalize } from '../../output/canonical';
import { Manifest } from '../../manifest/manifest';
import { ObjectDiff } from '../diff-trees';
import { listed, objectFlag, previousOf, ReviewInput, RiskFlag } from './risk-flag';
import { loosenedSettings, PodPosture, postureOf, RESTRICTED, RESTRICTED_POD } from './security-posture';

/**
 * Annotation keys that record a policy waiver on an object. Waivers are being moved into the
 * output as annotations under this prefix (`platform.golden-path.dev/waiver…`); this is the one
 * place the key lives, so pointing the rule at the final key is a one-line change.
 */
export const WAIVER_ANNOTATION_PREFIX = 'platform.golden-path.dev/waiver';

/**
 * Privilege increased: a security context loosened, capabilities or host access added, the
 * service-account token mounted, RBAC rules or bindings added, a policy waiver added. New
 * workloads are compared with the "restricted" Pod Security profile.
 */
export function privilegeRisks({ diff }: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const d of diff.objects) {
    if (d.status === 'removed') continue;
    const before = previousOf(d);
    const after = d.after!;
    flags.push(...podRisks(d, before, after));
    flags.push(...waiverRisks(d, before, after));
    if (d.kind === 'ServiceAccount') {
      const mounts = (m: Manifest | undefined) => (m as { automountServiceAccountToken?: boolean } | undefined)?.automountServiceAccountToken !== false;
      if (mounts(after) && (!before || !mounts(before)))
        flags.push(
          objectFlag(
            d,
            'privilege',
            'privilege/service-account-token',
            'ServiceAccount automounts its token into pods (automountServiceAccountToken is not false)',
          ),
        );
    }
    if (d.kind === 'Role' || d.kind === 'ClusterRole') flags.push(...rbacRuleRisks(d, before, after));
    if (d.kind === 'RoleBinding' || d.kind === 'ClusterRoleBinding') flags.push(...bindingRisks(d, before, after));
  }
  return flags;
}

function podRisks(d: ObjectDiff, before: Manifest | undefined, after: Manifest): RiskFlag[] {
  const now = postureOf(after);
  if (!now) return [];
  const was: PodPosture | undefined = before ? postureOf(before) : undefined;
  const pod = was ?? RESTRICTED_POD;
  const flags: RiskFlag[] = [];
  const host = [
    !pod.hostNetwork && now.hostNetwork && 'hostNetwork',
    !pod.hostPID && now.hostPID && 'hostPID',
    !pod.hostIPC && now.hostIPC && 'hostIPC',
    ...now.hostPaths.filter((p) => !pod.hostPaths.includes(p)).map((p) => `hostPath volume ${p}`),
  ].filter((x): x is string => typeof x === 'string');
  if (host.length > 0) flags.push(objectFlag(d, 'privilege', 'privilege/host-access', `pods get host access: ${listed(host)}`));
  if (now.mountsToken && !pod.mountsToken)
    flags.push(
      objectFlag(d, 'privilege', 'privilege/service-account-token', 'pods mount the service-account token (automountServiceAccountToken is not false)'),
    );
  for (const [key, c] of now.containers) {
    const base = was?.containers.get(key) ?? RESTRICTED;
    const loosened = loosenedSettings(base, c);
    if (loosened.length > 0) flags.push(objectFlag(d, 'privilege', 'privilege/security-context', `${c.label}: ${loosened.join('; ')}`));
    const caps = c.addedCapabilities.filter((cap) => !base.addedCapabilities.includes(cap));
    if (caps.length > 0) flags.push(objectFlag(d, 'privilege', 'privilege/capabilities', `${c.label}: adds capabilities ${caps.join(', ')}`));
    const ports = c.hostPorts.filter((p) => !base.hostPorts.includes(p));
    if (ports.length > 0) flags.push(objectFlag(d, 'privilege', 'privilege/host-access', `${c.label}: binds host ports ${ports.join(', ')}`));
  }
  return flags;
}

/** Waiver annotations on the object or its pod template that are new or say something new. */
function waiverRisks(d: ObjectDiff, before: Manifest | undefined, after: Manifest): RiskFlag[] {
  const waivers = (m: Manifest | undefined): Map<string, string> => {
    const out = new Map<string, string>();
    const spec = (m as { spec?: { template?: { metadata?: { annotations?: Record<string, string> } } } } | undefined)?.spec;
    for (const annotations of [(m?.metadata as { annotations?: Record<string, string> } | undefined)?.annotations, spec?.template?.metadata?.annotations]) {
      for (const [key, value] of Object.entries(annotations ?? {})) if (key.startsWith(WAIVER_ANNOTATION_PREFIX)) out.set(key, String(value));
    }
    return out;
  };
  const old = waivers(before);
  const flags: RiskFlag[] = [];
  for (const [key, value] of waivers(after)) {
    if (old.get(key) === value) continue;
    const shown = value.length > 120 ? `${value.slice(0, 117)}...` : value;
    flags.push(objectFlag(d, 'privilege', 'privilege/waiver', `policy waiver ${old.has(key) ? 'changed' : 'added'}: ${key}: ${shown}`));
  }
  return flags;
}

function rbacRuleRisks(d: ObjectDiff, before: Manifest | undefined, after: Manifest): RiskFlag[] {
  type Rule = { verbs?: string[]; resources?: string[]; apiGroups?: string[]; nonResourceURLs?: string[] };
  const rules = (m: Manifest | undefined) => (m as { rules?: Rule[] } | undefined)?.rules ?? [];
  const old = new Set(rules(before).map((r) => JSON.stringify(canonicalize(r))));
  const added = rules(after).filter((r) => !old.has(JSON.stringify(canonicalize(r))));
  if (added.length === 0) return [];
  const text = added.map((r) => {
    const targets = r.resources ?? r.nonResourceURLs ?? [];
    return `${(r.verbs ?? []).join('/')} on ${targets.length > 0 ? targets.join(', ') : 'nothing'}`;
  });
  return [objectFlag(d, 'privilege', 'privilege/rbac', `${d.kind} grants more: ${listed(text, 3)}`)];
}

function bindingRisks(d: ObjectDiff, before: Manifest | undefined, after: Manifest): RiskFlag[] {
  type Binding = { roleRef?: { kind?: string; name?: string }; subjects?: { kind?: string; name?: string; namespace?: string }[] };
  const subjects = (m: Manifest | undefined) =>
    ((m as Binding | undefined)?.subjects ?? []).map((s) => `${s.kind ?? '?'} ${s.namespace ? `${s.namespace}/` : ''}${s.name ?? '?'}`);
  const role = (m: Manifest | undefined) => `${(m as Binding | undefined)?.roleRef?.kind ?? '?'} ${(m as Binding | undefined)?.roleRef?.name ?? '?'}`;
  const old = new Set(subjects(before));
  const added = subjects(after).filter((s) => !old.has(s));
  if (added.length === 0 && before && role(before) === role(after)) return [];
  return [objectFlag(d, 'privilege', 'privilege/rbac', `${d.kind} binds ${role(after)} to ${listed(added.length > 0 ? added : subjects(after), 3)}`)];
}
