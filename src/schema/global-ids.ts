/** The row id of a decoded global ID of the type wanted; null for another type's, which the services refuse as unknown. */
export function rowIdOf(id: { typename: string; id: string }, typename: string): number | null {
  return id.typename === typename ? Number(id.id) : null;
}
