// charter.strength(k): relationship k's strength: what its owner declared, else what interactions taught (worked out
// only when nothing is declared).
CASE WHEN k.declaredStrength IS NOT NULL THEN k.declaredStrength ELSE charter.learnedStrength(k) END
