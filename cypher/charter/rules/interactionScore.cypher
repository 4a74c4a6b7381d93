// charter.interactionScore(k): the sum of relationship k's interaction weights, each decayed by its age, at
// $charter.now. Stored on k as interactionScoreSum decayed to scoreAsOf, so carrying it on is one more decay.
charter.decayed(coalesce(k.interactionScoreSum, 0.0), k.scoreAsOf)
