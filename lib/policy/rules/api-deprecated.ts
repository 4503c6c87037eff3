import { deprecatedApi, TARGET_KUBERNETES } from '../api-lifecycle';
import { ObjectRule } from '../rule';

export const apiDeprecated: ObjectRule = {
  id: 'api-deprecated',
  scope: 'object',
  severity: 'warning',
  finding: `an object uses an API version that Kubernetes ${TARGET_KUBERNETES} deprecates`,
  why: 'it works today and breaks at the cluster upgrade that removes it',
  fix: 'move the object to the API version the message names before the upgrade',
  admission: { synthOnly: 'about the apiVersion written in git: the API server converts an object to the version it serves before admission sees it' },
  check: (object) => {
    const deprecated = deprecatedApi(object.apiVersion, object.kind);
    return deprecated
      ? [
          {
            field: 'apiVersion',
            message: `${object.apiVersion} ${object.kind} is deprecated since ${deprecated.deprecatedIn} and removed in ${deprecated.removedIn}; use ${deprecated.use}`,
          },
        ]
      : [];
  },
};
