// charter.strength(k): relationship k's strength: what its owner declared, else what interactions taught.
coalesce(k.declaredStrength, charter.learnedStrength(k))
