/**
 * The form in which searchable text is stored and searched: accents stripped
 * (canonical decomposition, combining marks removed), case folded, control
 * characters (used as field separators in the index) removed. Applied to both
 * sides, so `François`, `francois` and `FRANCOIS` meet.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\p{Cc}/gu, ' ');
}
