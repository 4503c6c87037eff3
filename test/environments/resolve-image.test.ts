import { LABEL } from '../../lib/internal/labels';
import { resolve, testEnvironment, webDef } from '../helpers';
import { expectOnlyProblem } from './expect-problem';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('resolveApp: image', () => {
  test("uses the definition's tag when there is no release, with the tag as version", () => {
    const app = resolve(webDef());
    expect(app.image).toBe('ghcr.io/acme/checkout:1.2.3');
    expect(app.labels[LABEL.version]).toBe('1.2.3');
    expect(app.provenance.image).toBe('app');
  });

  test("pins the release's tag over the definition's", () => {
    const app = resolve(webDef(), testEnvironment(), { tag: '2.0.0' });
    expect(app.image).toBe('ghcr.io/acme/checkout:2.0.0');
    expect(app.labels[LABEL.version]).toBe('2.0.0');
    expect(app.provenance.image).toBe('release');
  });

  test("pins the release's tag and digest on an image with no tag", () => {
    const app = resolve(webDef({ image: 'ghcr.io/acme/checkout' }), testEnvironment(), { tag: '2.0.0', digest: DIGEST });
    expect(app.image).toBe(`ghcr.io/acme/checkout:2.0.0@${DIGEST}`);
    expect(app.labels[LABEL.version]).toBe('2.0.0');
  });

  test('pins a digest alone, and then sets no version label', () => {
    const app = resolve(webDef(), testEnvironment(), { digest: DIGEST });
    expect(app.image).toBe(`ghcr.io/acme/checkout@${DIGEST}`);
    expect(app.labels).not.toHaveProperty([LABEL.version]);
  });

  test("keeps the definition's digest", () => {
    expect(resolve(webDef({ image: `ghcr.io/acme/checkout@${DIGEST}` })).image).toBe(`ghcr.io/acme/checkout@${DIGEST}`);
  });

  test('ignores an empty release', () => {
    const app = resolve(webDef(), testEnvironment(), {});
    expect(app.image).toBe('ghcr.io/acme/checkout:1.2.3');
    expect(app.provenance.image).toBe('app');
  });

  test('fails when the image has no tag and no release pins one', () => {
    expectOnlyProblem(() => resolve(webDef({ image: 'ghcr.io/acme/checkout' })), {
      code: 'E_IMAGE_UNPINNED',
      field: 'image',
      value: 'ghcr.io/acme/checkout',
      message: 'has no tag or digest',
      fix: "platform set-image checkout --env prod --tag <tag>' or add ':<tag>' to the image",
    });
  });

  test("fails when the image uses the 'latest' tag", () => {
    expectOnlyProblem(() => resolve(webDef({ image: 'ghcr.io/acme/checkout:latest' })), {
      code: 'E_IMAGE',
      field: 'image',
      value: 'ghcr.io/acme/checkout:latest',
      message: "uses the tag 'latest'",
      fix: 'pin a version tag or a digest',
    });
  });

  test('fails when the image has a malformed digest', () => {
    expectOnlyProblem(() => resolve(webDef({ image: 'ghcr.io/acme/checkout@sha256:123' })), {
      code: 'E_IMAGE',
      field: 'image',
      value: 'ghcr.io/acme/checkout@sha256:123',
      message: "has a malformed digest 'sha256:123'",
      fix: "use 'sha256:' followed by 64 lowercase hex digits",
    });
  });

  test("fails when the release pins 'latest'", () => {
    expectOnlyProblem(() => resolve(webDef(), testEnvironment(), { tag: 'latest' }), {
      code: 'E_IMAGE',
      field: 'releases.tag',
      value: 'latest',
      message: "uses the tag 'latest'",
      fix: 'pin a version tag or a digest',
    });
  });

  test('fails when the release has a malformed digest', () => {
    expectOnlyProblem(() => resolve(webDef(), testEnvironment(), { digest: 'sha256:nothex' }), {
      code: 'E_IMAGE',
      field: 'releases.digest',
      value: 'sha256:nothex',
      message: 'has a malformed digest',
      fix: '64 lowercase hex digits',
    });
  });
});

describe('resolveApp: imagePullPolicy', () => {
  test("defaults to the platform's IfNotPresent outside production", () => {
    const app = resolve(webDef(), testEnvironment({ name: 'staging' }));
    expect(app.imagePullPolicy).toBe('IfNotPresent');
    expect(app.provenance.imagePullPolicy).toBe('platform');
  });

  test('defaults to Always in production, so every start checks the pull secret', () => {
    const app = resolve(webDef(), testEnvironment({ name: 'prod' }));
    expect(app.imagePullPolicy).toBe('Always');
    expect(app.provenance.imagePullPolicy).toBe('platform');
    expect(resolve(webDef(), testEnvironment({ name: 'live', production: true })).imagePullPolicy).toBe('Always');
  });

  test("keeps a production environment's own choice, and the app's over it", () => {
    expect(resolve(webDef(), testEnvironment({ profile: { imagePullPolicy: 'IfNotPresent' } })).imagePullPolicy).toBe('IfNotPresent');
    expect(resolve(webDef({ imagePullPolicy: 'IfNotPresent' })).imagePullPolicy).toBe('IfNotPresent');
  });

  test("takes the environment profile's over the platform's", () => {
    const app = resolve(webDef(), testEnvironment({ profile: { imagePullPolicy: 'Always' } }));
    expect(app.imagePullPolicy).toBe('Always');
    expect(app.provenance.imagePullPolicy).toBe('environment');
  });

  test("takes the app's over the environment profile's", () => {
    const app = resolve(webDef({ imagePullPolicy: 'IfNotPresent' }), testEnvironment({ profile: { imagePullPolicy: 'Always' } }));
    expect(app.imagePullPolicy).toBe('IfNotPresent');
    expect(app.provenance.imagePullPolicy).toBe('app');
  });

  test("takes the override's over the app's", () => {
    const app = resolve(webDef({ imagePullPolicy: 'IfNotPresent', environments: { prod: { imagePullPolicy: 'Always' } } }));
    expect(app.imagePullPolicy).toBe('Always');
    expect(app.provenance.imagePullPolicy).toBe('override');
  });
});
