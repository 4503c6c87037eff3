import { celEveryContainer } from '../cel-text';
import { ObjectRule } from '../rule';
import { describeContainer } from '../../manifest/pod-template';

export const duplicateEnv: ObjectRule = {
  id: 'duplicate-env',
  scope: 'object',
  severity: 'error',
  finding: 'a container declares the same environment variable twice',
  why: 'the last one silently wins, and a server-side apply merges the list by name and can drop either',
  fix: 'declare each variable once; an environment override replaces the value by key',
  admission: { cel: { expression: celEveryContainer('!has(c.env) || c.env.all(e, c.env.filter(f, f.name == e.name).size() == 1)') } },
  check: (object, context) =>
    context.pods.checkContainers(object, (at) => {
      const seen = new Set<string>();
      return (at.container.env ?? []).flatMap((env, i) => {
        if (!seen.has(env.name)) {
          seen.add(env.name);
          return [];
        }
        return [{ field: `${at.path}.env[${i}]`, message: `${describeContainer(at)} declares '${env.name}' more than once` }];
      });
    }),
};
