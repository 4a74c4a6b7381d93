// charter.learnedStrength(k): what interactions taught about relationship k, in [0, 1): 1 − exp(−interaction score),
// rising with every interaction and saturating toward 1. A ranking score, not a probability.
1 - exp(-charter.interactionScore(k))
