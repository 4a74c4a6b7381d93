// charter.personRef(p): p as answers name a person ({id, name}), or null where $viewer may not see them.
CASE WHEN p IS NOT NULL AND charter.shown(p) THEN {id: p.id, name: p.name} END
