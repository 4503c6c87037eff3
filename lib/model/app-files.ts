/**
 * Where an app's files live: the objects that hold them and the folders they are mounted at by
 * default (an app may choose its own with `configFilesPath` and `secretFilesPath`), so an app can
 * name the paths in its own arguments or config: `args: ['--tls-cert', secretFilePath('checkout-api', 'tls.crt')]`.
 * Every other object of an app is named after the app itself.
 */

/** Secret files (`secretFiles`) are mounted read-only at `/var/run/secrets/<app>/<file>`. */
export const SECRET_FILES_ROOT = '/var/run/secrets';
/** Config files (`configFiles`) are mounted read-only at `/etc/<app>/<file>`. */
export const CONFIG_FILES_ROOT = '/etc';

/** `<app>-secrets`: the Secret the app's ExternalSecret writes, holding its secret env vars and files. */
export function appSecretName(app: string): string {
  return `${app}-secrets`;
}

/** `<app>-files`: the ConfigMap holding the app's config files. */
export function configFilesName(app: string): string {
  return `${app}-files`;
}

/** `/var/run/secrets/<app>`: the folder of an app's secret files. */
export function secretFilesDir(app: string): string {
  return `${SECRET_FILES_ROOT}/${app}`;
}

/** `/var/run/secrets/<app>/<file>` */
export function secretFilePath(app: string, file: string): string {
  return `${secretFilesDir(app)}/${file}`;
}

/** `/etc/<app>`: the folder of an app's config files. */
export function configFilesDir(app: string): string {
  return `${CONFIG_FILES_ROOT}/${app}`;
}

/** `/etc/<app>/<file>` */
export function configFilePath(app: string, file: string): string {
  return `${configFilesDir(app)}/${file}`;
}
