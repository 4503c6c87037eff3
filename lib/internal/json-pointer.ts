/** JSON Pointers (RFC 6901), as ajv reports fields and Argo CD's ignoreDifferences names them. */

/** `/spec/template/metadata/annotations/a~1b` -> ['spec', 'template', 'metadata', 'annotations', 'a/b']; '' is the whole document. */
export function pointerKeys(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer to `keys`, each escaped ('~' as '~0', '/' as '~1'). */
export function pointerTo(keys: readonly string[]): string {
  return keys.map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
