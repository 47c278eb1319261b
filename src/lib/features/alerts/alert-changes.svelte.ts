/** Counts the status changes made on this page: the alerts' table reads it, to ask again after each. */
export const alertChanges = $state({ count: 0 });
