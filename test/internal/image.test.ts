import { digestProblem, formatImage, parseImage, tagProblem } from '../../lib/internal/image';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

function imageOf(text: string) {
  const parsed = parseImage(text);
  if ('problem' in parsed) throw new Error(`expected '${text}' to parse, got: ${parsed.problem}`);
  return parsed.image;
}

function problemOf(text: string) {
  const parsed = parseImage(text);
  if (!('problem' in parsed)) throw new Error(`expected '${text}' to be rejected`);
  return parsed;
}

describe('parseImage', () => {
  test('splits the repository and the tag', () => {
    const image = imageOf('ghcr.io/acme/checkout:1.2.3');
    expect(image.repository).toBe('ghcr.io/acme/checkout');
    expect(image.tag).toBe('1.2.3');
    expect(image.digest).toBeUndefined();
  });

  test('reads an image without a tag as repository only', () => {
    const image = imageOf('ghcr.io/acme/checkout');
    expect(image.repository).toBe('ghcr.io/acme/checkout');
    expect(image.tag).toBeUndefined();
  });

  test('does not mistake a registry port for a tag', () => {
    const image = imageOf('registry.local:5000/acme/checkout');
    expect(image.repository).toBe('registry.local:5000/acme/checkout');
    expect(image.tag).toBeUndefined();
  });

  test('reads a tag after a registry port', () => {
    const image = imageOf('registry.local:5000/acme/checkout:2.0');
    expect(image.repository).toBe('registry.local:5000/acme/checkout');
    expect(image.tag).toBe('2.0');
  });

  test('reads a digest, with or without a tag', () => {
    expect(imageOf(`ghcr.io/acme/checkout@${DIGEST}`)).toEqual({ repository: 'ghcr.io/acme/checkout', tag: undefined, digest: DIGEST });
    expect(imageOf(`ghcr.io/acme/checkout:1.2.3@${DIGEST}`)).toEqual({ repository: 'ghcr.io/acme/checkout', tag: '1.2.3', digest: DIGEST });
  });

  test("rejects the 'latest' tag", () => {
    const { problem, fix } = problemOf('ghcr.io/acme/checkout:latest');
    expect(problem).toBe("uses the tag 'latest', which is mutable and makes rollouts unrepeatable");
    expect(fix).toBe('pin a version tag or a digest');
  });

  test('rejects a malformed digest', () => {
    const { problem, fix } = problemOf('ghcr.io/acme/checkout@sha256:abc');
    expect(problem).toBe("has a malformed digest 'sha256:abc'");
    expect(fix).toBe("use 'sha256:' followed by 64 lowercase hex digits");
  });

  test('rejects a digest in uppercase hex', () => {
    expect(problemOf(`ghcr.io/acme/checkout@${DIGEST.toUpperCase().replace('SHA256', 'sha256')}`).problem).toMatch(/^has a malformed digest/);
  });

  test('rejects an uppercase repository path', () => {
    const { problem, fix } = problemOf('ghcr.io/Acme/Checkout:1.0');
    expect(problem).toBe('is not a valid image repository');
    expect(fix).toBe("use lowercase path components, e.g. 'ghcr.io/acme/checkout'");
  });

  test('rejects an empty reference', () => {
    expect(problemOf('').problem).toBe('is not a valid image repository');
  });

  test('rejects an empty tag', () => {
    expect(problemOf('ghcr.io/acme/checkout:').problem).toBe("has an invalid tag ''");
  });
});

describe('tagProblem and digestProblem', () => {
  test('accept a version tag and a well-formed digest', () => {
    expect(tagProblem('1.2.3')).toBeUndefined();
    expect(tagProblem('v1.2.3-rc.1_build')).toBeUndefined();
    expect(digestProblem(DIGEST)).toBeUndefined();
  });

  test('reject a tag that starts with a dot or dash, or is too long', () => {
    expect(tagProblem('.1')?.problem).toBe("has an invalid tag '.1'");
    expect(tagProblem('-1')?.problem).toBe("has an invalid tag '-1'");
    expect(tagProblem('a'.repeat(129))?.problem).toMatch(/^has an invalid tag/);
    expect(tagProblem('a'.repeat(128))).toBeUndefined();
  });

  test('reject a digest of another algorithm or length', () => {
    expect(digestProblem(`sha512:${'a'.repeat(64)}`)?.problem).toMatch(/^has a malformed digest/);
    expect(digestProblem(`sha256:${'a'.repeat(63)}`)?.problem).toMatch(/^has a malformed digest/);
  });
});

describe('formatImage', () => {
  test('writes repository, tag and digest', () => {
    expect(formatImage({ repository: 'ghcr.io/acme/checkout', tag: '1.2.3', digest: DIGEST })).toBe(`ghcr.io/acme/checkout:1.2.3@${DIGEST}`);
  });

  test('leaves out what is not set', () => {
    expect(formatImage({ repository: 'ghcr.io/acme/checkout', tag: '1.2.3' })).toBe('ghcr.io/acme/checkout:1.2.3');
    expect(formatImage({ repository: 'ghcr.io/acme/checkout', digest: DIGEST })).toBe(`ghcr.io/acme/checkout@${DIGEST}`);
  });

  test('round-trips with parseImage', () => {
    const text = `registry.local:5000/acme/checkout:2.0@${DIGEST}`;
    expect(formatImage(imageOf(text))).toBe(text);
  });
});
