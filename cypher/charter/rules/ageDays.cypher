// charter.ageDays(t): how many days (fractional) before $charter.now the moment t was; 0 for none or a later moment.
// The moment is bound once (the reduce over a one-element list): its argument is often an expression over several
// properties (charter.refreshedAt), which would otherwise be read again at each of its three uses.
reduce(days = 0.0, moment IN [t] |
  CASE WHEN moment IS NULL OR moment > datetime($charter.now) THEN 0.0
       ELSE (datetime($charter.now).epochMillis - moment.epochMillis) / 86400000.0 END)
