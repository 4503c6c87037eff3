import { looksSecret } from '../../internal/looks-secret';
import { ObjectRule, Violation } from '../rule';

export const secretInConfigMap: ObjectRule = {
  id: 'secret-in-config-map',
  scope: 'object',
  severity: 'error',
  finding: 'a ConfigMap holds what looks like a secret',
  why: 'ConfigMaps are not encrypted at rest, are readable with broad RBAC, and here are committed to git in plain text',
  fix: "move the value to a Secret (from an ExternalSecret); keep only non-secret settings in 'config'",
  admission: { synthOnly: 'a heuristic (credential words split out of keys, a pattern with a lookbehind that RE2 cannot run)' },
  check: (object) => {
    if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1') return [];
    const data = (object as { data?: Record<string, string> }).data ?? {};
    const out: Violation[] = [];
    for (const [key, value] of Object.entries(data)) {
      const reason = looksSecret(key, value);
      if (reason) out.push({ field: `data.${key}`, message: `key '${key}': ${reason}` });
    }
    return out;
  },
};
