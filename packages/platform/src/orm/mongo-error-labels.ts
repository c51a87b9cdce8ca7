/**
 * The labels MongoDB put on a failed operation (like `TransientTransactionError`), or none for any other error.
 * The driver's own error reads them through an `errorLabels` getter; MikroORM's DriverException copies only the
 * driver error's own fields onto itself, so there they are left in the `errorLabelSet` field behind that getter.
 */
export function mongoErrorLabels(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const { errorLabels, errorLabelSet } = error as { errorLabels?: unknown; errorLabelSet?: unknown };
  if (Array.isArray(errorLabels)) return errorLabels.filter((label) => typeof label === 'string');
  if (errorLabelSet instanceof Set) return [...errorLabelSet].filter((label) => typeof label === 'string');
  return [];
}
