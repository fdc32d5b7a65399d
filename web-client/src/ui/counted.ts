/** "1 member", "3 members": a count with its noun in the right number (English: plural adds an s unless given). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
