// people.current(p): whether person p works somewhere now: not someone an org-chart replace made leave and who has
// not turned up at another organization since (they keep their history and our relationships, but are nobody's
// target, intermediary or count).
p.leftAt IS NULL
