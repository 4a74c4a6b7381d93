// people.senior(p): whether person p is at a senior level: an executive, a VP or a director (coverage's senior reach;
// the same levels in C# are Domain.SeniorLevels).
p.seniority IN ['executive', 'vp', 'director']
