import type { ErrorObject, ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Document, isMap, isPair, isScalar, LineCounter, Node, parseDocument } from 'yaml';
import { ConfigFileError } from '../internal/errors';
import { pointerKeys } from '../internal/json-pointer';
import { SourcedApp } from '../model/app-definition';
import { Environment } from '../model/environment';
import { parsePin } from './release-pin';
import { Release } from './resolve-image';

/** The parsed releases file: the pins, and the document with its source positions for edits. */
export interface Releases {
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The pinned release of an app in an environment; a plain function, so `releases.pin` can be passed on. */
  readonly pin: (team: string, app: string, environment: string) => Release | undefined;
}

// releases.schema.json, compiled ahead of time (scripts/compile-validators.ts): compiling it here cost every run ~80 ms.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { validate } = require('./releases-validator.js') as { validate: ValidateFunction };

/**
 * Reads and checks the releases file against its JSON Schema and against the fleet. Every
 * problem is reported as `file:line:column: what is wrong. Fix: …`, all at once.
 */
export function readReleases(file: string, fleet: { apps: readonly SourcedApp[]; environments: readonly Environment[] }, root = process.cwd()): Releases {
  const shown = relative(root, file) || file;
  if (!existsSync(file)) {
    throw new ConfigFileError('E_RELEASES_MISSING', `${shown}: not found. Fix: create it, e.g. with 'platform set-image <app> --env <env> --tag <tag>'`, shown);
  }
  const text = readFileSync(file, 'utf8');
  return parseReleases(text, shown, fleet);
}

/** What the releases file is checked against. `unloaded`: apps whose file does not load (set-image and promote go on without them); their entries are taken on trust. */
interface ReleasesFleet {
  readonly apps: readonly SourcedApp[];
  readonly environments: readonly Environment[];
  readonly unloaded?: readonly { readonly team: string; readonly name: string }[];
}

export function parseReleases(text: string, shown: string, fleet: ReleasesFleet): Releases {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: string[] = [];
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return `${shown}:${pos.line}:${pos.col}`;
  };
  for (const error of doc.errors) {
    const fix = error.code === 'DUPLICATE_KEY' ? 'keep one entry per key' : 'fix the YAML syntax';
    problems.push(`${at(error.pos[0])}: ${error.message.split('\n')[0]}. Fix: ${fix}`);
  }
  if (problems.length === 0) {
    const data: unknown = doc.toJS() ?? {};
    if (!validate(data)) {
      const envs = uniqueEnvironmentNames(fleet);
      // An error inside propertyNames (its pattern) carries the name; the propertyNames error after it says it better.
      for (const error of validate.errors ?? []) if (error.propertyName === undefined) problems.push(describeSchemaError(error, doc, at, envs));
    }
    // Checked even when the schema failed, so that one wrong pin does not hide an unknown app or environment.
    problems.push(...checkAgainstFleet(data, doc, at, fleet));
  }
  const data = (doc.errors.length === 0 ? doc.toJS() : undefined) as unknown;
  const pinOf = (value: unknown): Release | undefined => {
    if (typeof value !== 'string') return undefined;
    const parsed = parsePin(value);
    return 'release' in parsed ? parsed.release : undefined;
  };
  // The app's own pin, with those of its containers (entries '<app>/<container>') under `containers`.
  const pin = (team: string, app: string, environment: string): Release | undefined => {
    const teamPins = (data as Record<string, Record<string, Record<string, unknown>> | undefined> | undefined)?.[team];
    const own = pinOf(teamPins?.[app]?.[environment]);
    const containers: Record<string, Release> = {};
    for (const [key, pins] of Object.entries(teamPins ?? {})) {
      if (!key.startsWith(`${app}/`)) continue;
      const release = pinOf(pins?.[environment]);
      if (release) containers[key.slice(app.length + 1)] = release;
    }
    if (Object.keys(containers).length === 0) return own;
    return { ...own, containers };
  };
  if (problems.length > 0) throw new ReleasesError(shown, problems, pin);
  return { file: shown, text, doc, lineCounter, pin };
}

/**
 * The releases file is wrong: every problem, one a line, and the pins that are valid, so the
 * caller can check the rest of the fleet and report everything at once.
 */
export class ReleasesError extends ConfigFileError {
  constructor(
    file: string,
    public readonly problems: readonly string[],
    public readonly validPins: Releases['pin'],
  ) {
    super('E_RELEASES', problems.length === 1 ? problems[0] : `${problems.length} problems in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, file);
  }
}

/** Each name once: a name declared twice is E_ENVIRONMENT_DUPLICATE's to report, not a list's to repeat. */
function uniqueEnvironmentNames(fleet: ReleasesFleet): string[] {
  return [...new Set(fleet.environments.map((e) => e.name))];
}

/** Mappings only, and names the schema accepts: the schema reports the others. */
function entries(value: unknown, pattern = NAME): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).filter(([name]) => name.length <= 127 && pattern.test(name) && name.split('/').every((part) => part.length <= 63));
}

/** The containers of an app whose images the releases file may pin: its sidecars and init containers. */
function containerNames(app: SourcedApp): string[] {
  const def = app.definition;
  return [...(def.sidecars ?? []), ...(def.initContainers ?? [])].map((c) => c.name);
}

const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const APP_KEY = /^[a-z]([-a-z0-9]*[a-z0-9])?(\/[a-z]([-a-z0-9]*[a-z0-9])?)?$/;

function checkAgainstFleet(data: unknown, doc: Document, at: (offset: number | undefined) => string, fleet: ReleasesFleet): string[] {
  const problems: string[] = [];
  const envs = uniqueEnvironmentNames(fleet);
  const apps = new Set(fleet.apps.map((a) => `${a.definition.team}/${a.definition.name}`));
  for (const u of fleet.unloaded ?? []) apps.add(`${u.team}/${u.name}`);
  const unloaded = new Set((fleet.unloaded ?? []).map((u) => `${u.team}/${u.name}`));
  for (const [team, teamApps] of entries(data)) {
    for (const [key, pins] of entries(teamApps, APP_KEY)) {
      const [app, container] = key.split('/');
      if (container !== undefined && apps.has(`${team}/${app}`) && !unloaded.has(`${team}/${app}`)) {
        const sourced = fleet.apps.find((a) => a.definition.team === team && a.definition.name === app);
        const known = sourced ? containerNames(sourced) : [];
        if (!known.includes(container)) {
          problems.push(
            `${at(keyOffset(doc, [team, key]))}: container '${container}' is not a sidecar or init container of '${team}/${app}' (it has: ${known.join(', ') || 'none'}). Fix: correct the name, or remove the entry of a container that was deleted`,
          );
          continue;
        }
      }
      if (!apps.has(`${team}/${app}`)) {
        const known = fleet.apps.filter((a) => a.definition.team === team).map((a) => a.definition.name);
        problems.push(
          `${at(keyOffset(doc, [team, key]))}: app '${team}/${app}' is not in the fleet (team '${team}' has: ${known.join(', ') || 'no apps'}). Fix: correct the name, or remove the entry of an app that was deleted`,
        );
        continue;
      }
      for (const [env] of entries(pins)) {
        if (!envs.includes(env)) {
          problems.push(
            `${at(keyOffset(doc, [team, key, env]))}: environment '${env}' does not exist (known: ${envs.join(', ')}). Fix: use one of the known environments`,
          );
        }
      }
    }
  }
  return problems;
}

function describeSchemaError(error: ErrorObject, doc: Document, at: (offset: number | undefined) => string, envs: readonly string[]): string {
  const path = pointerKeys(error.instancePath);
  const node = doc.getIn(path, true) as Node | undefined;
  const where = at(path.length === 0 ? 0 : node?.range?.[0]);
  const value = node && isScalar(node) ? node.value : undefined;
  const field = path.length ? `'${path.join('.')}'` : 'the file';
  switch (error.keyword) {
    case 'type':
      if (path.length === 3) {
        if (value === null || (node && !isScalar(node))) {
          return `${where}: ${field} must be a pin such as '1.4.2' (got ${value === null ? 'nothing' : typeOfNode(node)}). Fix: write the tag or digest as a string, or remove the entry`;
        }
        return `${where}: ${field} must be a string (got ${typeof value} ${JSON.stringify(value)}). Fix: quote it, e.g. "${typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)}"`;
      }
      return `${where}: ${field} must be a mapping (got ${value === undefined ? typeOfNode(node) : JSON.stringify(value)}). Fix: nest it as team -> app -> environment -> pin`;
    case 'pattern':
    case 'minLength': {
      // pattern and minLength apply to strings only, so the value is the pin as written.
      const parsed = parsePin(typeof value === 'string' ? value : '');
      const why = 'problem' in parsed ? `${parsed.problem}. Fix: ${parsed.fix}` : `is not a valid pin. Fix: use '<tag>', '@sha256:<digest>' or both`;
      return `${where}: ${field} (${JSON.stringify(value)}) ${why}`;
    }
    case 'propertyNames':
    case 'maxLength': {
      const name = (error.params as { propertyName?: string }).propertyName ?? path[path.length - 1];
      const where = at(keyOffset(doc, [...path, name]) ?? node?.range?.[0]);
      if (path.length === 2) {
        return `${where}: '${name}' under '${path.join('.')}' is not a valid environment name (known: ${envs.join(', ')}). Fix: use one of the known environments`;
      }
      const what = path.length === 0 ? 'team' : 'app';
      const container = path.length === 0 ? '' : "; '<app>/<container>' for a sidecar or init container";
      return `${where}: '${name}' is not a valid ${what} name (lowercase letters, digits and '-', at most 63${container}). Fix: use the ${what}'s name as in apps/<team>/<app>.ts`;
    }
    case 'minProperties':
      return `${where}: ${field} has no environments. Fix: add a pin per environment, or remove the app`;
    default:
      return `${where}: ${field} ${error.message ?? 'is invalid'}`;
  }
}

function typeOfNode(node: Node | undefined): string {
  if (!node) return 'nothing';
  return isMap(node) ? 'a mapping' : isScalar(node) ? typeof node.value : 'a list';
}

/** Source offset of the key at `path` (the key itself, so the message points at the name). */
function keyOffset(doc: Document, path: readonly string[]): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  for (const item of parent.items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === path[path.length - 1]) return item.key.range?.[0];
  }
  return undefined;
}
