// charter.ageDays(t): how many days (fractional) before $charter.now the moment t was; 0 for none or a later moment.
CASE WHEN t IS NULL OR t > datetime($charter.now) THEN 0.0
     ELSE (datetime($charter.now).epochMillis - t.epochMillis) / 86400000.0 END
