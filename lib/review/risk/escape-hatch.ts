import { ANNOTATION } from '../../internal/labels';
import { Manifest } from '../../manifest/manifest';
import { ObjectDiff } from '../diff-trees';
import { objectFlag, previousOf, ReviewInput, RiskFlag } from './risk-flag';

/**
 * Escape hatch: an app starts leaving the golden path (an object gains the escape-hatch annotation
 * synth writes on everything `customize` or `objects` added or changed), changes what its escape
 * hatch produces (the annotation says something new, an object it added changes, or a field it
 * set changes), or stops using one. Reviewers look twice: these objects are the app's own choices,
 * not the platform's, though policy checked them like the rest.
 */
export function escapeHatchRisks({ diff }: ReviewInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  for (const d of diff.objects) {
    const was = marker(d.status === 'added' ? undefined : previousOf(d));
    const now = marker(d.after);
    if (now === undefined) {
      if (was !== undefined)
        flags.push(
          objectFlag(
            d,
            'escape-hatch',
            'escape-hatch/stopped',
            d.status === 'removed' ? `object of an escape hatch removed (was: ${was})` : `back on the golden path (was: ${was})`,
          ),
        );
      continue;
    }
    if (was === undefined) {
      flags.push(
        objectFlag(d, 'escape-hatch', 'escape-hatch/started', `${d.status === 'added' ? 'new object from an escape hatch' : 'leaves the golden path'}: ${now}`),
      );
    } else if (was !== now) {
      flags.push(objectFlag(d, 'escape-hatch', 'escape-hatch/changed', `escape hatch changed: ${now}`));
    } else if (producedBy(d, now).length > 0) {
      flags.push(objectFlag(d, 'escape-hatch', 'escape-hatch/changed', `what the escape hatch produces changed: ${producedBy(d, now).join(', ')}`));
    }
  }
  return flags;
}

function marker(m: Manifest | undefined): string | undefined {
  const annotations = (m?.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  const value = annotations?.[ANNOTATION.escapeHatch];
  return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The changed fields the escape hatch is answerable for: all of an object it added, else the fields it lists. */
function producedBy(d: ObjectDiff, marker: string): string[] {
  const paths = d.fields.map((f) => f.path);
  if (!marker.startsWith('customize changed')) return paths;
  return paths.filter((p) => marker.includes(p));
}
