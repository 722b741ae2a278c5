/**
 * Words SQLite refuses as bare column names (its keywords without an identifier fallback), found
 * by preparing `SELECT w FROM t WHERE w = 1 AND t.w = 1` for each of SQLite's keywords. Google
 * parameters use some of them (`order`, `all`, `limit`, `from`), so the SELECT rewrite quotes a
 * reference to such a column before SQLite sees it. Upper case.
 */
export const SQLITE_RESERVED: ReadonlySet<string> = new Set(
  (
    'ADD ALL ALTER AND AS AUTOINCREMENT BETWEEN CASE CAST CHECK COLLATE COMMIT CONSTRAINT CREATE ' +
    'DEFAULT DEFERRABLE DELETE DISTINCT DROP ELSE ESCAPE EXCEPT EXISTS FOREIGN FROM GROUP HAVING IN ' +
    'INDEX INSERT INTERSECT INTO IS ISNULL JOIN LIMIT NOT NOTHING NOTNULL NULL ON OR ORDER PRIMARY ' +
    'RAISE REFERENCES RETURNING SELECT SET TABLE THEN TO TRANSACTION UNION UNIQUE UPDATE USING ' +
    'VALUES WHEN WHERE'
  ).split(' '),
);
