// insights.lineTrust(r): the trust a line on the customer side carries along a warm path: a reporting line its fixed
// trust by kind, informal influence its strength, sympathy its fixed trust.
CASE type(r)
  WHEN 'REPORTS_TO' THEN CASE r.kind WHEN 'solid' THEN $trust.solid ELSE $trust.dotted END
  WHEN 'INFLUENCES' THEN coalesce(r.strength, 0.0)
  ELSE $trust.sympathy
END
