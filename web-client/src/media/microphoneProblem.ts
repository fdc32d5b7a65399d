/**
 * What to tell a person whose microphone could not be opened, in words they can act on: the browser's DOMException
 * names say why (refused, missing, busy), its messages are for developers.
 */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)
    ? String((error as { name: unknown }).name)
    : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Tribune may not use your microphone. Allow it for this site in your browser (the icon beside the address), then unmute again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one, then unmute again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'Your microphone is busy or not working (another app may be using it). Close that app, then unmute again.';
    default:
      return 'Your microphone could not be opened. Check it is connected and allowed for this site, then unmute again.';
  }
}
