// Drops the stored charter: the configuration's Charter section applies again.
MATCH (c:Charter {id: 'charter'})
DELETE c
