import { dataClassOf } from '../../manifest/data-class';
import { podTemplateOf } from '../../manifest/pod-template';
import { objectFlag, previousOf, ReviewInput, RiskFlag } from './risk-flag';

/**
 * The hardened path changed: an app joins it, leaves it, or handles another class of data. Read
 * from the data-class label of the app's workload (one flag per app, not per object), so review
 * sees a change of TLS, network, supply-chain and sync rules as the one decision it is.
 */
export function hardeningRisks({ diff }: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const d of diff.objects) {
    if (d.status === 'removed' || !d.after || !podTemplateOf(d.after)) continue;
    const before = previousOf(d);
    const was = before ? dataClassOf(before) : undefined;
    const now = dataClassOf(d.after);
    if (was === now) continue;
    if (now !== undefined && was === undefined) {
      const message = before
        ? `app becomes hardened (data class '${now}'): TLS only, declared callers only, digest-pinned images, reviewed syncs in production`
        : `new hardened app (data class '${now}'): TLS only, declared callers only, digest-pinned images, reviewed syncs in production`;
      flags.push(objectFlag(d, 'hardening', 'hardening/becomes-hardened', message));
    } else if (now === undefined) {
      flags.push(
        objectFlag(
          d,
          'hardening',
          'hardening/leaves-hardened',
          `app is no longer hardened (was data class '${was}'): plain-text port, tag-only images, security waivers and automated syncs are allowed again`,
        ),
      );
    } else {
      flags.push(objectFlag(d, 'hardening', 'hardening/data-class', `data class changes from '${was}' to '${now}'`));
    }
  }
  return flags;
}
