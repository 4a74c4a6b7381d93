// charter.strength(k): relationship k's strength: what its owner declared, else what interactions taught (worked out
// only when nothing is declared: coalesce stops at the first value that is not null).
coalesce(k.declaredStrength, charter.learnedStrength(k))
