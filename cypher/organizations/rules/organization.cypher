// organizations.organization(o): organization o as answers show it (get, list, search and the upsert's answer).
o {.id, .name, .kind, .domain, .industry, createdAt: toString(o.createdAt), updatedAt: toString(o.updatedAt)}
