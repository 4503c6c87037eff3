import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { appMetadata } from '../internal/metadata';
import { configFilesName } from '../model/app-files';
import { ResolvedApp } from '../model/resolved-app';

const CONFIG_FILES_VOLUME = 'config-files';
/** r--r--r--: config is not secret, and nothing in the pod may change it. */
export const CONFIG_FILE_MODE = 0o444;

/** The app's config files as the ConfigMap `<app>-files`, or undefined when it has none. */
export function appConfigFiles(scope: Construct, app: ResolvedApp): k8s.KubeConfigMap | undefined {
  if (!app.configFiles) return undefined;
  return new k8s.KubeConfigMap(scope, 'config-files', { metadata: appMetadata(app, configFilesName(app.name)), data: { ...app.configFiles } });
}

/**
 * The ConfigMap `<app>-files` as a volume, mounted read-only at the app's config folder (`/etc/<app>/`
 * unless it chose one); files with a mode of their own are listed with it. Undefined when the app has no config files.
 */
export function configFilesVolume(app: ResolvedApp): { readonly volume: k8s.Volume; readonly mount: k8s.VolumeMount } | undefined {
  if (!app.configFiles) return undefined;
  return {
    volume: { name: CONFIG_FILES_VOLUME, configMap: { name: configFilesName(app.name), defaultMode: CONFIG_FILE_MODE, ...modeItems(app) } },
    mount: { name: CONFIG_FILES_VOLUME, mountPath: app.files.configPath, readOnly: true },
  };
}

/** With `items`, a ConfigMap volume holds only the files listed: every file is listed once any has a mode of its own. */
function modeItems(app: ResolvedApp): Pick<k8s.ConfigMapVolumeSource, 'items'> {
  const modes = app.files.configModes;
  if (Object.keys(modes).length === 0) return {};
  return {
    items: Object.keys(app.configFiles ?? {}).map((name) => ({ key: name, path: name, ...(modes[name] !== undefined ? { mode: modes[name] } : {}) })),
  };
}
