/**
 * The normalised form names are searched and compared in: lower case, accents
 * removed (NFKD), punctuation dropped, single spaces. "Mejía-Ruiz, José" and
 * "mejia ruiz jose" become the same string.
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function searchNameOf(
  family: string | undefined,
  given: string[] | undefined,
): string | null {
  const text = normaliseName([family ?? '', ...(given ?? [])].join(' '));
  return text.length > 0 ? text : null;
}
