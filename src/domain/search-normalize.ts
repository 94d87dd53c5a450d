/**
 * The form in which searchable text is stored and searched: accents stripped
 * (canonical decomposition, combining marks removed), case folded, control
 * characters (field separators in the index) and private-use characters (the
 * index's e-Box scope keys) turned into spaces. Applied to both
 * sides, so `François`, `francois` and `FRANCOIS` meet.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\p{Cc}\p{Co}]/gu, ' ');
}
