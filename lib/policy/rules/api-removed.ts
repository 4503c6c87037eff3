import { removedApi, TARGET_KUBERNETES } from '../api-lifecycle';
import { ObjectRule } from '../rule';

export const apiRemoved: ObjectRule = {
  id: 'api-removed',
  scope: 'object',
  severity: 'error',
  finding: `an object uses an API version that Kubernetes ${TARGET_KUBERNETES} no longer serves`,
  why: 'the API server rejects it, so the sync fails and the object is never applied',
  fix: 'move the object to the API version the message names (the fields may change too)',
  admission: { synthOnly: 'about the apiVersion written in git: the API server converts an object to the version it serves before admission sees it' },
  check: (object) => {
    const removed = removedApi(object.apiVersion, object.kind);
    return removed ? [{ field: 'apiVersion', message: `${object.apiVersion} ${object.kind} was removed in ${removed.removedIn}; use ${removed.use}` }] : [];
  },
};
