import type { FormatDefinition } from 'ajv';

const INT32 = 2 ** 31;

/**
 * The OpenAPI formats the Kubernetes and CRD schemas use. The generated validators
 * (data/k8s-1.28-validators.js) require this module by name, so its exports are part of their
 * contract: rename nothing without regenerating them.
 */
export const KUBERNETES_FORMATS: Readonly<Record<string, FormatDefinition<number> | FormatDefinition<string>>> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
  int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/ },
  'date-time': { type: 'string', validate: /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/ },
};
