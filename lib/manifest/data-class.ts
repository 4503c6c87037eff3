import { LABEL } from '../internal/labels';
import { Manifest } from './manifest';

/**
 * The data class of a hardened app's object (its `platform.golden-path.dev/data-class` label), or
 * undefined for an object on the standard path: how checks of rendered objects tell a hardened app.
 */
export function dataClassOf(object: Manifest): string | undefined {
  const labels = object.metadata.labels as Readonly<Record<string, unknown>> | undefined;
  const value = labels?.[LABEL.dataClass];
  return typeof value === 'string' ? value : undefined;
}
