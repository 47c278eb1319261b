/**
 * The newest event in the data, stored at ingest (derived-sql.ts's data_as_of): ages of open returns and
 * the trend's final cohorts are relative to the data, not the clock.
 */
export const AS_OF_SQL = '(SELECT newest FROM data_as_of)';
